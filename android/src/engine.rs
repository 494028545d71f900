//! The active engine: the embedded defaults, or the defaults plus one pack.
//!
//! Readers clone an `Arc` under a read lock held for a few nanoseconds and
//! analyse without any lock; `loadRules` builds the new engine *before* taking
//! the write lock, so a pack that fails to build never replaces the active one.

use std::sync::{Arc, PoisonError, RwLock};

use smishguard_core::{Engine, Message, Verdict};

use crate::error::{BridgeError, BridgeResult};

/// `None`: [`Engine::builtin`]. `Some`: the defaults plus a loaded pack.
static CUSTOM: RwLock<Option<Arc<Engine>>> = RwLock::new(None);

fn current() -> Option<Arc<Engine>> {
    // The lock guards a plain pointer swap: a panic while holding it cannot
    // leave it half-written, so a poisoned lock is still good to use.
    CUSTOM
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

/// Analyses one message with the active rules.
pub fn analyze(sender: Option<&str>, body: &str, received_at_millis: Option<i64>) -> Verdict {
    let message = Message {
        sender,
        body,
        received_at_millis,
    };
    match current() {
        Some(engine) => engine.analyze(&message),
        None => Engine::builtin().analyze(&message),
    }
}

/// Compiles every pattern of the active rules now (see [`Engine::precompile`]).
pub fn precompile() {
    match current() {
        Some(engine) => engine.precompile(),
        None => Engine::builtin().precompile(),
    }
}

/// Makes "defaults + `pack`" the active rules, or leaves them unchanged and
/// says what is wrong with the pack.
pub fn load_pack(name: &str, pack: &str) -> BridgeResult<()> {
    let engine = Engine::builder()
        .add_pack(name, pack)
        .and_then(|b| b.build())
        .map_err(|e| BridgeError::BadInput(e.to_string()))?;
    *CUSTOM.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(engine));
    Ok(())
}

/// Returns to the embedded default rules.
pub fn reset() {
    *CUSTOM.write().unwrap_or_else(PoisonError::into_inner) = None;
}
