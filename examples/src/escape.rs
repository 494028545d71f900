//! The corpus TSV escapes, in a file of its own so the core's corpus test can
//! include it (`#[path]`, as does `core/examples/distinct_loop.rs`) instead of keeping
//! a copy: the core's tests cannot depend on the CLI crate.

/// Undoes the corpus escapes: `\t` tab, `\n` newline, `\r` carriage return, `\\` backslash.
/// Any other backslash is kept as written, since real messages contain them.
pub fn unescape(field: &str) -> String {
    if !field.contains('\\') {
        return field.to_string();
    }
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}
