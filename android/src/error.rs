//! The one error policy of the bridge.
//!
//! | what happened                         | Java sees                      |
//! |---------------------------------------|--------------------------------|
//! | bad input (e.g. a malformed rule pack)| `IllegalArgumentException`     |
//! | internal failure, JNI failure, panic  | `IllegalStateException`        |
//! | a Java exception is already pending   | that exception, nothing thrown |
//!
//! Every export resolves its [`jni::EnvOutcome`] with [`ThrowPolicy`], so this
//! table is implemented exactly once.

use std::any::Any;
use std::fmt;

use jni::errors::ErrorPolicy;
use jni::strings::JNIString;
use jni::Env;

/// What can go wrong inside an export.
#[derive(Debug)]
pub enum BridgeError {
    /// The caller passed something unusable; the message says what and where.
    BadInput(String),
    /// A bug or an environment failure on our side.
    Internal(String),
    /// A JNI call failed (possibly because a Java exception is pending).
    Jni(jni::errors::Error),
}

impl fmt::Display for BridgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BridgeError::BadInput(m) => f.write_str(m),
            BridgeError::Internal(m) => write!(f, "smishguard internal error: {m}"),
            BridgeError::Jni(e) => write!(f, "smishguard JNI error: {e}"),
        }
    }
}

impl std::error::Error for BridgeError {}

impl From<jni::errors::Error> for BridgeError {
    fn from(e: jni::errors::Error) -> Self {
        BridgeError::Jni(e)
    }
}

/// Result type of every export body.
pub type BridgeResult<T> = Result<T, BridgeError>;

const ILLEGAL_ARGUMENT: &str = "java/lang/IllegalArgumentException";
const ILLEGAL_STATE: &str = "java/lang/IllegalStateException";

/// Text of a panic payload: `panic!("literal")` carries a `&'static str`,
/// `panic!("{x}")` a `String`; anything else gets a fixed description.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_owned()
    }
}

/// What of a panic message may leave the library: the first line, cut before
/// the first quote or backtick and at 160 characters. Panic messages from std
/// quote the data involved (a string slicing panic quotes the text it sliced,
/// which could be part of an SMS), and exception messages end up in logs and
/// crash reports: message bodies must never get there.
pub fn redact_panic_message(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or("");
    let cut = first_line
        .find(['`', '\'', '"'])
        .map_or(first_line, |i| &first_line[..i]);
    let mut out: String = cut.chars().take(160).collect();
    if out.len() < message.len() {
        out = out.trim_end().to_owned();
        out.push_str(" […]");
    }
    out
}

fn throw(env: &mut Env<'_>, class: &str, message: &str) {
    // A failed throw leaves nothing better to do: the default return value is
    // still returned, and the JVM reports whatever is pending.
    let _ = env.throw_new(JNIString::new(class), JNIString::new(message));
}

/// The error policy described in the module docs.
#[derive(Debug, Default)]
pub struct ThrowPolicy;

impl<T: Default> ErrorPolicy<T, BridgeError> for ThrowPolicy {
    type Captures<'unowned_env_local: 'native_method, 'native_method> = ();

    fn on_error<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _cap: &mut Self::Captures<'unowned_env_local, 'native_method>,
        err: BridgeError,
    ) -> jni::errors::Result<T> {
        if env.exception_check() {
            // Java already has an exception in flight (e.g. OutOfMemoryError
            // from a NewString): let that one propagate.
            return Ok(T::default());
        }
        match &err {
            BridgeError::BadInput(m) => throw(env, ILLEGAL_ARGUMENT, m),
            BridgeError::Internal(_) | BridgeError::Jni(_) => {
                log::error!("{err}");
                throw(env, ILLEGAL_STATE, &err.to_string())
            }
        }
        Ok(T::default())
    }

    fn on_panic<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _cap: &mut Self::Captures<'unowned_env_local, 'native_method>,
        payload: Box<dyn Any + Send + 'static>,
    ) -> jni::errors::Result<T> {
        let message = redact_panic_message(&panic_message(payload.as_ref()));
        // Dropping a payload can itself panic; leak it rather than risk that.
        std::mem::forget(payload);
        log::error!("panic in smishguard native code: {message}");
        if !env.exception_check() {
            throw(
                env,
                ILLEGAL_STATE,
                &format!("smishguard native panic: {message}"),
            );
        }
        Ok(T::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_payloads() {
        let s: Box<dyn Any + Send> = Box::new("literal");
        assert_eq!(panic_message(s.as_ref()), "literal");
        let s: Box<dyn Any + Send> = Box::new(String::from("formatted 7"));
        assert_eq!(panic_message(s.as_ref()), "formatted 7");
        let s: Box<dyn Any + Send> = Box::new(42u8);
        assert_eq!(panic_message(s.as_ref()), "panic with a non-string payload");
    }

    #[test]
    fn redaction_keeps_plain_messages_and_drops_quoted_data() {
        assert_eq!(
            redact_panic_message("deliberate test panic #1"),
            "deliberate test panic #1"
        );
        let std_msg = "byte index 4 is not a char boundary; it is inside '退' (bytes 3..6) of `您好退款请点击`";
        assert_eq!(
            redact_panic_message(std_msg),
            "byte index 4 is not a char boundary; it is inside […]"
        );
        assert_eq!(redact_panic_message("line one\nline two"), "line one […]");
        assert_eq!(
            redact_panic_message(&"x".repeat(500)).chars().count(),
            160 + " […]".chars().count()
        );
    }
}
