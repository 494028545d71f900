//! Errors from loading rule packs.

use std::fmt;

/// A rule pack was rejected. Says which file, which line and which rule, and why.
///
/// An [`EngineBuilder`](crate::EngineBuilder) that returns this error leaves whatever
/// engine the caller already holds untouched: packs are checked as a whole before use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    file: String,
    line: Option<usize>,
    rule_id: Option<String>,
    kind: ErrorKind,
}

/// What went wrong, without the location.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file is not valid TOML or does not have the pack structure.
    Syntax(String),
    /// A regular expression does not compile.
    Pattern(String),
    /// A value is out of range, unknown or missing (category, detector, weight, examples…).
    Invalid(String),
    /// Two rules, combinations or brands share an id.
    Duplicate(String),
}

impl Error {
    pub(crate) fn new(
        file: &str,
        line: Option<usize>,
        rule_id: Option<&str>,
        kind: ErrorKind,
    ) -> Error {
        Error {
            file: file.to_owned(),
            line,
            rule_id: rule_id.map(str::to_owned),
            kind,
        }
    }

    /// The pack's name as given to [`EngineBuilder::add_pack`](crate::EngineBuilder::add_pack), usually a path.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The 1-based line in that file, when known.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The id of the rule, combination or brand at fault, when there is one.
    pub fn rule_id(&self) -> Option<&str> {
        self.rule_id.as_deref()
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(id) = &self.rule_id {
            write!(f, ": rule `{id}`")?;
        }
        match &self.kind {
            ErrorKind::Syntax(m) => write!(f, ": {m}"),
            ErrorKind::Pattern(m) => write!(f, ": bad pattern: {m}"),
            ErrorKind::Invalid(m) => write!(f, ": {m}"),
            ErrorKind::Duplicate(m) => write!(f, ": duplicate id: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
