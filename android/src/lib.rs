//! JNI bridge between `smishguard-core` and the `org.smishguard` Kotlin
//! library: the crate behind `libsmishguard.so`.
//!
//! Glue only. Detection lives in the core; the Kotlin API, the SMS receiver
//! and the notification live in `android/smishguard`. This crate:
//!
//! * runs every export inside jni's panic-catching entry
//!   ([`jni::EnvUnowned::with_env`]) and resolves it with the single error
//!   policy in [`error`] — a bug becomes a Java exception, never an abort;
//! * takes text as UTF-16 (`char[]`), so emoji survive and lone surrogates are
//!   replaced with U+FFFD without shifting any index ([`text`]);
//! * returns verdicts as one `int[]` plus one `char[]` ([`encode`]), with
//!   evidence spans converted from UTF-8 bytes to UTF-16 indices;
//! * keeps the active engine as an immutable value swapped atomically by
//!   `loadRules`/`resetRules` ([`engine`]);
//! * never logs message bodies.
//!
//! Every `Java_org_smishguard_Native_*` function below corresponds to one
//! `external fun` in `org.smishguard.Native` (Kotlin); the two lists must
//! match, and the JVM tests call each of them.

#![deny(clippy::unwrap_used, clippy::expect_used)]
#![warn(missing_docs)]

pub mod encode;
pub mod engine;
pub mod error;
pub mod text;

use jni::objects::{JCharArray, JClass, JObject, JObjectArray};
use jni::sys::{jint, jlong};
use jni::{Env, EnvUnowned};

use crate::error::{BridgeError, BridgeResult, ThrowPolicy};

fn init_logging() {
    #[cfg(target_os = "android")]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            android_logger::init_once(
                android_logger::Config::default()
                    .with_tag("smishguard")
                    .with_max_level(if cfg!(debug_assertions) {
                        log::LevelFilter::Debug
                    } else {
                        log::LevelFilter::Info
                    }),
            );
        });
    }
}

/// Reads a Java `char[]` as text (lone surrogates → U+FFFD).
fn read_chars(env: &Env<'_>, chars: &JCharArray<'_>, what: &str) -> BridgeResult<String> {
    if chars.is_null() {
        return Err(BridgeError::BadInput(format!("{what} must not be null")));
    }
    let len = chars.len(env)?;
    let mut units = vec![0u16; len];
    chars.get_region(env, 0, &mut units)?;
    Ok(text::decode_utf16_lossy(&units))
}

fn read_optional_chars(
    env: &Env<'_>,
    chars: &JCharArray<'_>,
    what: &str,
) -> BridgeResult<Option<String>> {
    if chars.is_null() {
        Ok(None)
    } else {
        read_chars(env, chars, what).map(Some)
    }
}

/// Builds `Object[] { int[] ints, char[] chars }`: seven JNI calls whatever the verdict's size.
fn to_java<'local>(env: &mut Env<'local>, e: &encode::Encoded) -> BridgeResult<JObject<'local>> {
    let wire = e.to_wire();
    let ints = env.new_int_array(wire.ints.len())?;
    ints.set_region(env, 0, &wire.ints)?;
    let chars = env.new_char_array(wire.chars.len())?;
    chars.set_region(env, 0, &wire.chars)?;
    let pair = JObjectArray::<JObject>::new(env, 2, JObject::null())?;
    pair.set_element(env, 0, &ints)?;
    pair.set_element(env, 1, &chars)?;
    Ok(pair.into())
}

/// `Native.analyze(sender: CharArray?, body: CharArray, receivedAtMillis: Long): Array<Any>`
///
/// `receivedAtMillis <= 0` means "unknown".
#[allow(unsafe_code, reason = "JNI exports need an unmangled symbol name")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_smishguard_Native_analyze<'local>(
    mut unowned: EnvUnowned<'local>,
    _class: JClass<'local>,
    sender: JCharArray<'local>,
    body: JCharArray<'local>,
    received_at_millis: jlong,
) -> JObject<'local> {
    unowned
        .with_env(|env| -> BridgeResult<JObject<'local>> {
            init_logging();
            let sender = read_optional_chars(env, &sender, "sender")?;
            let body = read_chars(env, &body, "body")?;
            let received = (received_at_millis > 0).then_some(received_at_millis);
            let verdict = engine::analyze(sender.as_deref(), &body, received)?;
            log::debug!(
                "analyzed {} UTF-8 bytes: {} ({} reasons)",
                body.len(),
                verdict.level.as_str(),
                verdict.reasons.len()
            );
            let encoded = encode::encode(&verdict, &body);
            to_java(env, &encoded)
        })
        .resolve::<ThrowPolicy>()
}

/// `Native.loadRules(name: CharArray, pack: CharArray)`: defaults plus this pack
/// become the active rules; on error the previous rules stay active and
/// `IllegalArgumentException` names the rule.
#[allow(unsafe_code, reason = "JNI exports need an unmangled symbol name")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_smishguard_Native_loadRules<'local>(
    mut unowned: EnvUnowned<'local>,
    _class: JClass<'local>,
    name: JCharArray<'local>,
    pack: JCharArray<'local>,
) {
    unowned
        .with_env(|env| -> BridgeResult<()> {
            init_logging();
            let name = read_chars(env, &name, "pack name")?;
            let pack = read_chars(env, &pack, "pack")?;
            engine::load_pack(&name, &pack)?;
            log::info!("rule pack loaded ({} bytes)", pack.len());
            Ok(())
        })
        .resolve::<ThrowPolicy>()
}

/// `Native.resetRules()`: back to the embedded default packs.
#[allow(unsafe_code, reason = "JNI exports need an unmangled symbol name")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_smishguard_Native_resetRules<'local>(
    mut unowned: EnvUnowned<'local>,
    _class: JClass<'local>,
) {
    unowned
        .with_env(|_env| -> BridgeResult<()> {
            init_logging();
            engine::reset();
            log::info!("rules reset to the embedded defaults");
            Ok(())
        })
        .resolve::<ThrowPolicy>()
}

/// `Native.precompile()`: compiles every pattern of the active rules now, so no
/// later message pays for a first use.
#[allow(unsafe_code, reason = "JNI exports need an unmangled symbol name")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_smishguard_Native_precompile<'local>(
    mut unowned: EnvUnowned<'local>,
    _class: JClass<'local>,
) {
    unowned
        .with_env(|_env| -> BridgeResult<()> {
            init_logging();
            engine::precompile()
        })
        .resolve::<ThrowPolicy>()
}

/// `Native.trimMemory()`: swaps in a copy of the active engine that has learnt
/// nothing, giving the memory its automata grew back to the allocator.
#[allow(unsafe_code, reason = "JNI exports need an unmangled symbol name")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_smishguard_Native_trimMemory<'local>(
    mut unowned: EnvUnowned<'local>,
    _class: JClass<'local>,
) {
    unowned
        .with_env(|_env| -> BridgeResult<()> {
            init_logging();
            if engine::trim_memory() {
                log::info!("engine memory trimmed");
            }
            Ok(())
        })
        .resolve::<ThrowPolicy>()
}

/// `Native.formatVersion(): Int`: the verdict wire format this library speaks.
#[allow(unsafe_code, reason = "JNI exports need an unmangled symbol name")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_smishguard_Native_formatVersion<'local>(
    mut unowned: EnvUnowned<'local>,
    _class: JClass<'local>,
) -> jint {
    unowned
        .with_env(|_env| -> BridgeResult<jint> { Ok(encode::FORMAT_VERSION) })
        .resolve::<ThrowPolicy>()
}

/// `Native.panicForTesting(kind: Int)`: panics on purpose (test builds only).
///
/// `kind` 0 panics with a `&'static str` payload, 1 with a `String`, 2 with a
/// non-string payload, 3 returns a bad-input error instead of panicking.
#[cfg(feature = "test-exports")]
#[allow(unsafe_code, reason = "JNI exports need an unmangled symbol name")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_smishguard_Native_panicForTesting<'local>(
    mut unowned: EnvUnowned<'local>,
    _class: JClass<'local>,
    kind: jint,
) -> jint {
    unowned
        .with_env(|_env| -> BridgeResult<jint> {
            match kind {
                0 => panic!("deliberate test panic"),
                1 => panic!("deliberate test panic #{kind}"),
                2 => std::panic::panic_any(kind),
                3 => Err(BridgeError::BadInput("deliberate bad input".to_owned())),
                _ => Ok(kind),
            }
        })
        .resolve::<ThrowPolicy>()
}

/// `Native.coreNanosForTesting(sender, body, iterations): Long`: the median time
/// in nanoseconds of the core's `analyze` alone on this message, timed inside
/// Rust, so the benchmark can subtract it from the JNI round trip (test builds only).
#[cfg(feature = "test-exports")]
#[allow(unsafe_code, reason = "JNI exports need an unmangled symbol name")]
#[unsafe(no_mangle)]
pub extern "system" fn Java_org_smishguard_Native_coreNanosForTesting<'local>(
    mut unowned: EnvUnowned<'local>,
    _class: JClass<'local>,
    sender: JCharArray<'local>,
    body: JCharArray<'local>,
    iterations: jint,
) -> jlong {
    unowned
        .with_env(|env| -> BridgeResult<jlong> {
            let sender = read_optional_chars(env, &sender, "sender")?;
            let body = read_chars(env, &body, "body")?;
            let n = usize::try_from(iterations.max(1)).unwrap_or(1);
            let mut times: Vec<u128> = (0..n)
                .map(|_| {
                    let t0 = std::time::Instant::now();
                    let verdict = engine::analyze(sender.as_deref(), &body, None)?;
                    std::hint::black_box(verdict);
                    Ok(t0.elapsed().as_nanos())
                })
                .collect::<BridgeResult<_>>()?;
            times.sort_unstable();
            Ok(i64::try_from(times[n / 2]).unwrap_or(i64::MAX))
        })
        .resolve::<ThrowPolicy>()
}
