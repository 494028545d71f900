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
/// [`Engine::rebuilt`]), so the memory its automata grew goes back to the
/// allocator once the analyses still using the old one finish. Rules are
/// unchanged. Returns whether it swapped: not when nothing was built yet, nor when
/// a `loadRules`/`resetRules` landed while the copy was being built (that one wins).
///
/// The freed pages go back to the system when the allocator releases them (Scudo
/// does so periodically); forcing it with `mallopt(M_PURGE)` would need API 28,
/// and this library supports API 24.
pub fn trim_memory() -> bool {
    let Some(old) = read().clone() else {
        return false; // nothing built yet, nothing to give back
    };
    let fresh = Arc::new(old.rebuilt());
    swap_if_unchanged(&mut write(), &old, fresh)
}

/// Puts `fresh` in `slot` if `slot` still holds `old`.
fn swap_if_unchanged(
    slot: &mut Option<Arc<Engine>>,
    old: &Arc<Engine>,
    fresh: Arc<Engine>,
) -> bool {
    let unchanged = slot.as_ref().is_some_and(|a| Arc::ptr_eq(a, old));
    if unchanged {
        *slot = Some(fresh);
    }
    unchanged
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

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Arc<Engine> {
        match Engine::builder().build() {
            Ok(engine) => Arc::new(engine),
            Err(e) => panic!("the embedded packs build: {e}"),
        }
    }

    fn holds(slot: &Option<Arc<Engine>>, engine: &Arc<Engine>) -> bool {
        slot.as_ref().is_some_and(|a| Arc::ptr_eq(a, engine))
    }

    #[test]
    fn a_rebuilt_copy_replaces_only_the_engine_it_was_built_from() {
        let built_from = engine();
        let loaded_meanwhile = engine();
        let fresh = || Arc::new(built_from.rebuilt());

        let mut slot = Some(Arc::clone(&loaded_meanwhile));
        assert!(!swap_if_unchanged(&mut slot, &built_from, fresh()));
        assert!(holds(&slot, &loaded_meanwhile));

        let mut reset_meanwhile = None;
        assert!(!swap_if_unchanged(
            &mut reset_meanwhile,
            &built_from,
            fresh()
        ));
        assert!(reset_meanwhile.is_none());

        let mut slot = Some(Arc::clone(&built_from));
        let copy = fresh();
        assert!(swap_if_unchanged(&mut slot, &built_from, Arc::clone(&copy)));
        assert!(holds(&slot, &copy));
    }
}
