//! `smishguard train`: fit a wording model to labelled TSV files.

use crate::args::{self, FlagSpec};
use crate::{tsv, CliError};
use smishguard_core::{TrainOptions, WordingModel};

const USAGE: &str = "\
usage: smishguard train [--max-grams N] [--epochs N] [--l2 X] FILE... > wording.tsv

Fits a wording model (a weight per character n-gram, see rules/README.md) to
TSV files with `label` and `body` columns and writes it to stdout in the
format of rules/wording.tsv. Rows labelled scam are the positive class,
legit the negative one; spam is left out (it is not fraud, nor is it what
a person writes). Deterministic: the same files give the same model.

options:
  --max-grams N  n-grams to keep, the strongest first (default 5000)
  --epochs N     passes over the rows (default 3)
  --l2 X         L2 regularisation per row (default 1e-6); larger keeps the
                 weights smaller and the model less sure of itself
  -h, --help     this help

Exit status: 0 when the model was written; 1 on an unreadable or malformed
file or an unknown label (the error names FILE:LINE); 2 for a usage error.";

const FLAGS: &[FlagSpec] = &[
    FlagSpec {
        name: "max-grams",
        takes_value: true,
    },
    FlagSpec {
        name: "epochs",
        takes_value: true,
    },
    FlagSpec {
        name: "l2",
        takes_value: true,
    },
];

/// Runs `train` with the arguments after the subcommand.
pub fn run(argv: &[String]) -> Result<(), CliError> {
    let p = args::parse(argv, FLAGS, USAGE)?;
    if p.help {
        return crate::emit(&format!("{USAGE}\n"));
    }
    if p.positional.is_empty() {
        return Err(CliError::Usage("missing FILE".into(), USAGE));
    }
    let defaults = TrainOptions::default();
    let options = TrainOptions {
        max_grams: p.number("max-grams", USAGE)?.unwrap_or(defaults.max_grams),
        epochs: p.number("epochs", USAGE)?.unwrap_or(defaults.epochs),
        l2: p.number("l2", USAGE)?.unwrap_or(defaults.l2),
        ..defaults
    };
    let mut rows: Vec<(String, bool)> = Vec::new();
    for path in &p.positional {
        let table = tsv::read(path)?;
        let label = table.column("label").ok_or_else(|| {
            CliError::Failed(format!("{}:1: no `label` column in the header", table.name))
        })?;
        for row in &table.rows {
            let scam = match row.fields.get(label).map(String::as_str) {
                Some("scam") => true,
                Some("legit") => false,
                Some("spam") => continue,
                other => {
                    return Err(CliError::Failed(format!(
                        "{}:{}: unknown label `{}` (expected scam, legit or spam)",
                        table.name,
                        row.line,
                        other.unwrap_or("")
                    )))
                }
            };
            rows.push((row.fields[table.body].clone(), scam));
        }
    }
    let examples: Vec<(&str, bool)> = rows.iter().map(|(b, s)| (b.as_str(), *s)).collect();
    let model = WordingModel::train(&examples, &options);
    let scams = examples.iter().filter(|(_, s)| *s).count();
    crate::emit(&format!(
        "# smishguard wording model: {} n-grams from {} scam and {} legit rows of {} files.\n\
         # Written by `smishguard train`; see rules/README.md before editing by hand.\n{}",
        model.len(),
        scams,
        examples.len() - scams,
        p.positional.len(),
        model.to_tsv()
    ))
}
