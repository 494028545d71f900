//! The active engine: the embedded defaults, or the defaults plus one pack.
//!
//! Readers clone an `Arc` under a read lock held for a few nanoseconds and
//! analyse without any lock; `loadRules` builds the new engine *before* taking
//! the write lock, so a pack that fails to build never replaces the active one.
//! The defaults are an engine of our own, not the core's `Engine::builtin()`
//! static, so that `trimMemory` can drop what they learnt.

use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use smishguard_core::{Engine, Message, Verdict};

use crate::error::{BridgeError, BridgeResult};

/// `None` until first needed (then the embedded defaults), and after `resetRules`.
static ACTIVE: RwLock<Option<Arc<Engine>>> = RwLock::new(None);

// The lock guards a plain pointer swap: a panic while holding it cannot leave
// it half-written, so a poisoned lock is still good to use.
fn read() -> RwLockReadGuard<'static, Option<Arc<Engine>>> {
    ACTIVE.read().unwrap_or_else(PoisonError::into_inner)
}

fn write() -> RwLockWriteGuard<'static, Option<Arc<Engine>>> {
    ACTIVE.write().unwrap_or_else(PoisonError::into_inner)
}

fn current() -> BridgeResult<Arc<Engine>> {
    if let Some(engine) = read().clone() {
        return Ok(engine);
    }
    let mut active = write();
    // Another thread may have built it while this one waited for the lock.
    if let Some(engine) = active.clone() {
        return Ok(engine);
    }
    let engine = Arc::new(
        Engine::builder()
            .build()
            .map_err(|e| BridgeError::Internal(format!("the embedded rules do not build: {e}")))?,
    );
    *active = Some(Arc::clone(&engine));
    Ok(engine)
}

/// Analyses one message with the active rules.
pub fn analyze(
    sender: Option<&str>,
    body: &str,
    received_at_millis: Option<i64>,
) -> BridgeResult<Verdict> {
    let message = Message {
        sender,
        body,
        received_at_millis,
    };
    Ok(current()?.analyze(&message))
}

/// Compiles every pattern of the active rules now (see [`Engine::precompile`]).
pub fn precompile() -> BridgeResult<()> {
    current()?.precompile();
    Ok(())
}

/// Replaces the active engine with a copy that has learnt nothing (see
/// [`Engine::rebuilt`]), so the memory its automata grew is freed once the
/// analyses still using the old one finish. Rules are unchanged.
pub fn trim_memory() {
    let Some(old) = read().clone() else {
        return; // nothing built yet, nothing to give back
    };
    let fresh = Arc::new(old.rebuilt());
    {
        let mut active = write();
        // Only if no loadRules/resetRules ran while the copy was being built.
        if active.as_ref().is_some_and(|a| Arc::ptr_eq(a, &old)) {
            *active = Some(fresh);
        }
    }
    // Frees the old engine unless an analysis still holds it (then it goes when
    // that one ends, and the allocator returns the pages in its own time).
    drop(old);
    release_freed_pages();
}

/// Asks the allocator to return freed pages to the system now: Bionic's
/// `mallopt(M_PURGE, 0)` (Android 9+; older releases answer 0 and do nothing).
/// Elsewhere the freed memory is left to the allocator, which reuses it.
fn release_freed_pages() {
    #[cfg(target_os = "android")]
    {
        use std::os::raw::c_int;
        /// From Bionic's `<malloc.h>`.
        const M_PURGE: c_int = -101;
        #[allow(
            unsafe_code,
            reason = "a libc call with no Rust binding in our dependencies"
        )]
        // SAFETY: mallopt takes two ints and touches only the allocator's own state;
        // Bionic has exported it since the first NDK.
        unsafe {
            unsafe extern "C" {
                fn mallopt(param: c_int, value: c_int) -> c_int;
            }
            mallopt(M_PURGE, 0);
        }
    }
}

/// Makes "defaults + `pack`" the active rules, or leaves them unchanged and
/// says what is wrong with the pack.
pub fn load_pack(name: &str, pack: &str) -> BridgeResult<()> {
    let engine = Engine::builder()
        .add_pack(name, pack)
        .and_then(|b| b.build())
        .map_err(|e| BridgeError::BadInput(e.to_string()))?;
    *write() = Some(Arc::new(engine));
    Ok(())
}

/// Returns to the embedded default rules (built afresh when next needed).
pub fn reset() {
    *write() = None;
}
