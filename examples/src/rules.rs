//! `smishguard rules check`: validate rule packs before shipping them.

use crate::args::{self, FlagSpec};
use crate::{engine, CliError};
use smishguard_core::{Engine, EngineBuilder};

const USAGE: &str = "\
usage: smishguard rules check [--only] PACK...

Builds an engine from the embedded default packs plus each PACK (TOML), or
from the PACKs alone with --only, and runs every rule's positive and negative
examples. Each problem is printed as `file:line: rule `id`: message`.
Warnings (`warning: file:line: …`, exit status unchanged) name pattern
characters that can never match: messages are folded to simplified Chinese
before matching, so a traditional character in a pattern is dead.

options:
  --only       check the packs without the embedded defaults
  -h, --help   this help

Exit status: 0 and `ok: N rules in M packs` when everything passes; 1 when a
pack is unreadable or malformed or an example fails; 2 for a usage error.";

const FLAGS: &[FlagSpec] = &[FlagSpec {
    name: "only",
    takes_value: false,
}];

/// Runs `rules …` with the arguments after `rules`.
pub fn run(argv: &[String]) -> Result<(), CliError> {
    match argv.first().map(String::as_str) {
        Some("check") => check(&argv[1..]),
        None | Some("-h" | "--help") => crate::emit(&format!("{USAGE}\n")),
        Some(other) => Err(CliError::Usage(
            format!("unknown rules command `{other}`"),
            USAGE,
        )),
    }
}

fn check(argv: &[String]) -> Result<(), CliError> {
    let p = args::parse(argv, FLAGS, USAGE)?;
    if p.help {
        return crate::emit(&format!("{USAGE}\n"));
    }
    if p.positional.is_empty() {
        return Err(CliError::Usage("missing PACK".into(), USAGE));
    }
    let only = p.has("only");
    let base = || {
        if only {
            EngineBuilder::empty()
        } else {
            Engine::builder()
        }
    };

    // Each pack on its own first, so one bad pack does not hide the errors of
    // the next (a builder is consumed by the first error it reports).
    let mut errors = Vec::new();
    for path in &p.positional {
        if let Err(CliError::Failed(msg) | CliError::Usage(msg, _)) =
            engine::build_with(base(), std::slice::from_ref(path))
        {
            errors.push(msg);
        }
    }
    // Warnings for the given packs only (the default packs have none: a test
    // keeps it so).
    for path in &p.positional {
        if let Ok(builder) = EngineBuilder::empty().add_pack_file(std::path::Path::new(path)) {
            for warning in builder.lint() {
                eprintln!("warning: {warning}");
            }
        }
    }
    if errors.is_empty() {
        // Then together: packs may clash with each other (duplicate ids).
        match engine::build_with(base(), &p.positional) {
            Ok(engine) => {
                let failures = engine.check_examples();
                errors.extend(failures.iter().map(|f| format!("{f}")));
                if errors.is_empty() {
                    // Counted from the engine: a pack with an existing id replaces it.
                    let packs = engine.pack_ids().len();
                    return crate::emit(&format!(
                        "ok: {} rules in {packs} packs\n",
                        engine.rule_count()
                    ));
                }
            }
            Err(CliError::Failed(msg) | CliError::Usage(msg, _)) => errors.push(msg),
        }
    }
    for e in &errors {
        eprintln!("{e}");
    }
    Err(CliError::Failed(format!(
        "{} problem{} found",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    )))
}
