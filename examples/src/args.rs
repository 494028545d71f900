//! A small hand-written argument parser: `--flag`, `--flag value`, `--flag=value`,
//! `-` as a positional (stdin) and `--` to end the flags.

use crate::CliError;

/// One flag a subcommand accepts.
#[derive(Debug, Clone, Copy)]
pub struct FlagSpec {
    /// Long name without the dashes, e.g. `format`.
    pub name: &'static str,
    /// Whether the flag takes a value (`--format jsonl`).
    pub takes_value: bool,
}

/// Flags and positionals of one command line, in the order given.
#[derive(Debug, Default)]
pub struct Parsed {
    /// `(name, value)` for each flag seen; switches have no value.
    pub flags: Vec<(&'static str, Option<String>)>,
    /// Everything that is not a flag.
    pub positional: Vec<String>,
    /// True when `-h` or `--help` was given.
    pub help: bool,
}

impl Parsed {
    /// Every value given for a repeatable flag such as `--rules`.
    pub fn values(&self, name: &str) -> Vec<String> {
        self.flags
            .iter()
            .filter(|(n, _)| *n == name)
            .filter_map(|(_, v)| v.clone())
            .collect()
    }

    /// The last value given for a flag (a later flag overrides an earlier one).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// Whether a switch was given.
    pub fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| *n == name)
    }

    /// The value of a flag parsed as a number, with a usage error naming the flag.
    pub fn number<T: std::str::FromStr>(
        &self,
        name: &str,
        usage: &'static str,
    ) -> Result<Option<T>, CliError> {
        match self.value(name) {
            None => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| {
                CliError::Usage(format!("--{name} expects a number, got `{v}`"), usage)
            }),
        }
    }
}

/// Parses `args` (without the program and subcommand names) against `specs`.
/// An unknown flag or a missing value is a usage error showing `usage`.
pub fn parse(args: &[String], specs: &[FlagSpec], usage: &'static str) -> Result<Parsed, CliError> {
    let mut out = Parsed::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--" {
            out.positional.extend(it.by_ref().cloned());
            break;
        }
        if arg == "-h" || arg == "--help" {
            out.help = true;
            continue;
        }
        // A lone `-` means stdin; anything else starting with `-` is a flag.
        if arg == "-" || !arg.starts_with('-') {
            out.positional.push(arg.clone());
            continue;
        }
        let body = arg.trim_start_matches('-');
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        let spec = specs
            .iter()
            .find(|s| s.name == name && arg.starts_with("--"))
            .ok_or_else(|| CliError::Usage(format!("unknown option `{arg}`"), usage))?;
        let value = match (spec.takes_value, inline) {
            (true, Some(v)) => Some(v),
            (true, None) => Some(it.next().cloned().ok_or_else(|| {
                CliError::Usage(format!("option `--{name}` needs a value"), usage)
            })?),
            (false, Some(_)) => {
                return Err(CliError::Usage(
                    format!("option `--{name}` takes no value"),
                    usage,
                ))
            }
            (false, None) => None,
        };
        out.flags.push((spec.name, value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[FlagSpec] = &[
        FlagSpec {
            name: "rules",
            takes_value: true,
        },
        FlagSpec {
            name: "all",
            takes_value: false,
        },
    ];

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_values_and_positionals() {
        let p = parse(
            &strings(&["--rules", "a.toml", "x", "--rules=b.toml", "--all", "-"]),
            SPECS,
            "",
        )
        .expect("valid command line");
        assert_eq!(p.values("rules"), ["a.toml", "b.toml"]);
        assert!(p.has("all"));
        assert_eq!(p.positional, ["x", "-"]);
    }

    #[test]
    fn unknown_flag_and_missing_value_are_usage_errors() {
        assert!(matches!(
            parse(&strings(&["--nope"]), SPECS, ""),
            Err(CliError::Usage(..))
        ));
        assert!(matches!(
            parse(&strings(&["--rules"]), SPECS, ""),
            Err(CliError::Usage(..))
        ));
        assert!(matches!(
            parse(&strings(&["-r"]), SPECS, ""),
            Err(CliError::Usage(..))
        ));
    }

    #[test]
    fn double_dash_ends_flags() {
        let p = parse(&strings(&["--", "--all"]), SPECS, "").expect("valid");
        assert_eq!(p.positional, ["--all"]);
        assert!(!p.has("all"));
    }
}
