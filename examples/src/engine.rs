//! The engine a command runs on: the embedded defaults, or the defaults
//! extended (or replaced, for `rules check --only`) by packs from files.

use crate::args::{FlagSpec, Parsed};
use crate::CliError;
use smishguard_core::{Engine, EngineBuilder, WordingModel};

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

/// The flags every analysing command takes to choose its engine.
pub const FLAGS: [FlagSpec; 3] = [
    FlagSpec {
        name: "rules",
        takes_value: true,
    },
    FlagSpec {
        name: "wording",
        takes_value: true,
    },
    FlagSpec {
        name: "no-wording",
        takes_value: false,
    },
];

/// The usage lines for [`FLAGS`].
#[macro_export]
macro_rules! engine_flags_usage {
    () => {
        "  --rules PACK   also load this rule pack (TOML); may be repeated
  --wording FILE use this wording model (from `smishguard train`) instead of
                 the embedded one
  --no-wording   no wording model: verdicts from the rules alone"
    };
}

/// The engine chosen by [`FLAGS`]: the default one extended with `--rules` packs,
/// with the wording model of `--wording` or none for `--no-wording`; the shared
/// built-in engine when no flag is given.
pub fn load(p: &Parsed) -> Result<Loaded, CliError> {
    let packs = p.values("rules");
    let wording = p.value("wording");
    let no_wording = p.has("no-wording");
    if packs.is_empty() && wording.is_none() && !no_wording {
        return Ok(Loaded { owned: None });
    }
    let mut builder = Engine::builder();
    if let Some(path) = wording {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::Failed(format!("{path}: cannot read wording model: {e}")))?;
        let model =
            WordingModel::parse(path, &text).map_err(|e| CliError::Failed(e.to_string()))?;
        builder = builder.wording_model(model);
    }
    if no_wording {
        builder = builder.without_wording_model();
    }
    Ok(Loaded {
        owned: Some(build_with(builder, &packs)?),
    })
}
