//! The corpus TSV format: a header row, one message per line, and `\t`, `\n`,
//! `\\` escapes inside fields. Every error names the file and line.

pub use crate::escape::unescape;
use crate::CliError;
use std::io::Read;

/// One data row: its 1-based line number in the file and its unescaped fields.
#[derive(Debug, Clone)]
pub struct Row {
    /// Line number in the input (the header is line 1).
    pub line: usize,
    /// Fields, in header order, unescaped.
    pub fields: Vec<String>,
}

/// A parsed TSV file.
#[derive(Debug)]
pub struct Table {
    /// What to call the input in messages: the path, or `<stdin>`.
    pub name: String,
    /// Column names from the header.
    pub columns: Vec<String>,
    /// Data rows in input order.
    pub rows: Vec<Row>,
    /// Index of the `body` column.
    pub body: usize,
}

impl Table {
    /// Index of an optional column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

/// Reads `path` (or stdin for `-`) and parses it. The `body` column is required.
pub fn read(path: &str) -> Result<Table, CliError> {
    let (name, bytes) = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| CliError::Failed(format!("<stdin>: cannot read: {e}")))?;
        ("<stdin>".to_string(), buf)
    } else {
        let buf = std::fs::read(path)
            .map_err(|e| CliError::Failed(format!("{path}: cannot read: {e}")))?;
        (path.to_string(), buf)
    };
    parse(&name, &bytes)
}

/// Parses TSV bytes; `name` is used in error messages.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Table, CliError> {
    let fail = |line: usize, msg: String| CliError::Failed(format!("{name}:{line}: {msg}"));
    let mut lines = bytes.split(|&b| b == b'\n').enumerate().map(|(i, l)| {
        // Accept CRLF files: the CR is not part of the last field.
        (i + 1, l.strip_suffix(b"\r").unwrap_or(l))
    });

    let (_, header) = lines.next().filter(|(_, h)| !h.is_empty()).ok_or_else(|| {
        fail(
            1,
            "empty file: expected a header row with a `body` column".into(),
        )
    })?;
    let header = std::str::from_utf8(header).map_err(|e| {
        fail(
            1,
            format!("header is not valid UTF-8 (byte {})", e.valid_up_to()),
        )
    })?;
    let header = header.strip_prefix('\u{feff}').unwrap_or(header);
    let columns: Vec<String> = header.split('\t').map(|c| c.trim().to_string()).collect();
    let body = columns.iter().position(|c| c == "body").ok_or_else(|| {
        fail(
            1,
            format!(
                "no `body` column in the header (columns: {})",
                columns.join(", ")
            ),
        )
    })?;

    let mut rows = Vec::new();
    for (line, raw) in lines {
        // Blank lines (including the one after a final newline) carry no message.
        if raw.is_empty() {
            continue;
        }
        let text = std::str::from_utf8(raw).map_err(|e| {
            fail(
                line,
                format!("invalid UTF-8 at byte {} of the line", e.valid_up_to() + 1),
            )
        })?;
        let fields: Vec<String> = text.split('\t').map(unescape).collect();
        if fields.len() != columns.len() {
            return Err(fail(
                line,
                format!(
                    "expected {} fields (like the header), found {}",
                    columns.len(),
                    fields.len()
                ),
            ));
        }
        rows.push(Row { line, fields });
    }
    Ok(Table {
        name: name.to_string(),
        columns,
        rows,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(err: CliError) -> String {
        match err {
            CliError::Failed(m) | CliError::Usage(m, _) => m,
        }
    }

    #[test]
    fn unescapes_fields() {
        assert_eq!(unescape(r"a\tb\nc\\d\x"), "a\tb\nc\\d\\x");
        assert_eq!(unescape(r"end\"), "end\\");
    }

    #[test]
    fn parses_rows_with_line_numbers() {
        let t = parse(
            "t.tsv",
            "label\tbody\r\nscam\thi\\tthere\n\nlegit\tok\n".as_bytes(),
        )
        .expect("valid tsv");
        assert_eq!(t.body, 1);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].fields[1], "hi\tthere");
        assert_eq!(t.rows[1].line, 4);
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = message(parse("t.tsv", b"label\ttext\nscam\thi\n").unwrap_err());
        assert!(e.starts_with("t.tsv:1:") && e.contains("body"), "{e}");
        let e = message(parse("t.tsv", b"body\tlabel\nok\tlegit\n\xff\xfe\tscam\n").unwrap_err());
        assert!(e.starts_with("t.tsv:3:") && e.contains("UTF-8"), "{e}");
        let e = message(parse("t.tsv", b"body\tlabel\nonly one field\n").unwrap_err());
        assert!(e.starts_with("t.tsv:2:") && e.contains("fields"), "{e}");
    }
}
