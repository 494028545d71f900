//! The engine a command runs on: the embedded defaults, or the defaults
//! extended (or replaced, for `rules check --only`) by packs from files.

use crate::CliError;
use smishguard_core::{Engine, EngineBuilder};

/// The built-in engine, or one built from packs given on the command line.
#[derive(Debug)]
pub struct Loaded {
    owned: Option<Engine>,
}

impl Loaded {
    /// The engine to analyse with.
    pub fn get(&self) -> &Engine {
        self.owned.as_ref().unwrap_or_else(|| Engine::builtin())
    }
}

/// Reads a pack file, naming it in the error.
pub fn read_pack(path: &str) -> Result<String, CliError> {
    std::fs::read_to_string(path)
        .map_err(|e| CliError::Failed(format!("{path}: cannot read pack: {e}")))
}

/// Adds the packs at `paths` to `builder` and builds. The core's error already
/// names the file (the path is passed as the pack name), line and rule id.
pub fn build_with(builder: EngineBuilder, paths: &[String]) -> Result<Engine, CliError> {
    let mut builder = builder;
    for path in paths {
        let text = read_pack(path)?;
        builder = builder
            .add_pack(path, &text)
            .map_err(|e| CliError::Failed(e.to_string()))?;
    }
    builder.build().map_err(|e| CliError::Failed(e.to_string()))
}

/// The default engine extended with `packs`; the shared built-in one when there are none.
pub fn load(packs: &[String]) -> Result<Loaded, CliError> {
    if packs.is_empty() {
        return Ok(Loaded { owned: None });
    }
    Ok(Loaded {
        owned: Some(build_with(Engine::builder(), packs)?),
    })
}
