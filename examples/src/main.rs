//! `smishguard`: the desktop face of the detection core.
//!
//! Subcommands: `check` one message, `scan` a TSV inbox, `eval` labelled
//! corpora, `rules check` packs, `bench` the engine, `train` a wording model. Arguments are parsed by
//! hand to keep the build small. Exit codes: 0 when the command ran (whatever
//! the verdicts), 1 when it failed (unreadable or malformed input, bad packs,
//! failing rule examples), 2 for a usage error.

mod args;
mod bench;
mod check;
mod engine;
mod escape;
mod eval;
mod mix;
mod render;
mod rules;
mod scan;
mod train;
mod tsv;

use std::process::ExitCode;

/// Why a command did not succeed.
#[derive(Debug)]
pub enum CliError {
    /// The command line is wrong: message, and the usage text to show.
    Usage(String, &'static str),
    /// The command ran into bad input or failed: a message naming what and where.
    Failed(String),
}

const USAGE: &str = "\
smishguard: explained verdicts for refund-scam and code-request SMS

usage:
  smishguard check [--sender S] [--rules PACK]... [--lang zh|en] TEXT|-
  smishguard scan  [--format table|jsonl] [--all] [--rules PACK]... FILE|-
  smishguard eval  [--show N] [--rules PACK]... FILE...
  smishguard rules check [--only] PACK...
  smishguard bench [--seconds S]
  smishguard train [--max-grams N] FILE... > wording.tsv

Run `smishguard COMMAND --help` for the options of a command.
Exit codes: 0 the command ran, 1 bad input or failed checks, 2 usage error.";

/// Writes `text` to stdout. A reader that went away (`smishguard eval … | head`)
/// is not an error; `print!` would panic there instead.
pub fn emit(text: &str) -> Result<(), CliError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(CliError::Failed(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let result = match argv.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => emit(&format!("{USAGE}\n")),
        Some("-V" | "--version") => emit(&format!("smishguard {}\n", env!("CARGO_PKG_VERSION"))),
        Some("check") => check::run(&argv[1..]),
        Some("scan") => scan::run(&argv[1..]),
        Some("eval") => eval::run(&argv[1..]),
        Some("rules") => rules::run(&argv[1..]),
        Some("bench") => bench::run(&argv[1..]),
        Some("train") => train::run(&argv[1..]),
        Some(other) => Err(CliError::Usage(format!("unknown command `{other}`"), USAGE)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Usage(msg, usage)) => {
            eprintln!("error: {msg}\n\n{usage}");
            ExitCode::from(2)
        }
        Err(CliError::Failed(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::FAILURE
        }
    }
}
