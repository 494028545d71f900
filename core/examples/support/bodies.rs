//! Message bodies from a TSV with a header row naming a `body` column (`\n`, `\t`,
//! `\\` escapes as `smishguard scan` reads them), for the measuring examples.

#[path = "../../../examples/src/escape.rs"]
mod escape;

/// The `body` field of every data row of the TSV at `path`.
pub fn bodies(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let Some(column) = header.split('\t').position(|c| c == "body") else {
        panic!("{path}: no body column in the header row");
    };
    lines
        .filter_map(|l| l.split('\t').nth(column))
        .map(escape::unescape)
        .collect()
}
