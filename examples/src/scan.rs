//! `smishguard scan`: analyse every message of a TSV inbox.

use crate::args::{self, FlagSpec};
use crate::render::{self, Style};
use crate::{engine, engine_flags_usage, tsv, CliError};
use serde::Serialize;
use smishguard_core::{Category, Engine, Level, LinkFinding, Message, Otp, SenderKind, Verdict};
use std::io::Write;

const USAGE: &str = concat!(
    "\
usage: smishguard scan [--format table|jsonl] [--all] [--rules PACK]... [--wording FILE|--no-wording] FILE|-

Analyses every message of a TSV file (or stdin for -). The first line is a
header; a `body` column is required, `sender` and `label` are used when
present, other columns are ignored. In fields, \\t, \\n and \\\\ stand for
tab, newline and backslash.

options:
  --format table  (default) the flagged messages as an aligned table, then a
                  summary line \"N messages: S safe, U suspicious, D dangerous\"
  --format jsonl  one JSON object per data row, in input order, with line,
                  level, score, categories, reasons (rule_id, category,
                  weight, explanation{zh,en}, evidence{start,end,text}),
                  links, otp, sender_kind, brands, truncated, and label when
                  the input has one. Evidence offsets are UTF-8 byte offsets
                  into the unescaped body.
  --all           table: list every message, not only the flagged ones
",
    engine_flags_usage!(),
    "
  -h, --help      this help

Exit status: 0 when every row was analysed; 1 on a malformed file (the error
names FILE:LINE), nothing is analysed then; 2 for a usage error."
);

const FLAGS: &[FlagSpec] = &[
    FlagSpec {
        name: "format",
        takes_value: true,
    },
    FlagSpec {
        name: "all",
        takes_value: false,
    },
    engine::FLAGS[0],
    engine::FLAGS[1],
    engine::FLAGS[2],
];

/// Runs `scan` with the arguments after the subcommand.
pub fn run(argv: &[String]) -> Result<(), CliError> {
    let p = args::parse(argv, FLAGS, USAGE)?;
    if p.help {
        return crate::emit(&format!("{USAGE}\n"));
    }
    let jsonl = match p.value("format").unwrap_or("table") {
        "table" => false,
        "jsonl" => true,
        other => {
            return Err(CliError::Usage(
                format!("--format must be table or jsonl, got `{other}`"),
                USAGE,
            ))
        }
    };
    let path = match p.positional.as_slice() {
        [one] => one.as_str(),
        [] => {
            return Err(CliError::Usage(
                "missing FILE (use - for stdin)".into(),
                USAGE,
            ))
        }
        _ => return Err(CliError::Usage("scan takes one FILE".into(), USAGE)),
    };
    // Load the packs first: a bad pack should not cost a read of a large inbox.
    let loaded = engine::load(&p)?;
    // The whole file is parsed before any output, so a malformed row at the
    // end cannot leave a half-written jsonl stream behind a failure.
    let table = tsv::read(path)?;
    let engine = loaded.get();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = if jsonl {
        write_jsonl(&mut out, &table, engine)
    } else {
        write_table(&mut out, &table, engine, p.has("all"), Style::for_stdout())
    };
    result
        .and_then(|()| out.flush())
        .or_else(ignore_broken_pipe)
}

/// `smishguard scan … | head` closes the pipe early; that is not an error.
fn ignore_broken_pipe(e: std::io::Error) -> Result<(), CliError> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(CliError::Failed(format!("cannot write output: {e}")))
    }
}

/// Analyses one row of a table.
pub fn analyze_row(engine: &Engine, table: &tsv::Table, row: &tsv::Row) -> Verdict {
    let body = &row.fields[table.body];
    let mut msg = Message::new(body);
    if let Some(s) = table
        .column("sender")
        .map(|i| row.fields[i].as_str())
        .filter(|s| !s.is_empty())
    {
        msg = msg.with_sender(s);
    }
    engine.analyze(&msg)
}

/// A byte range of the body with the text it covers.
#[derive(Debug, Serialize)]
struct SpanOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

#[derive(Debug, Serialize)]
struct ExplanationOut<'a> {
    zh: &'a str,
    en: &'a str,
}

#[derive(Debug, Serialize)]
struct ReasonOut<'a> {
    rule_id: &'a str,
    category: Category,
    weight: i32,
    explanation: ExplanationOut<'a>,
    evidence: Option<SpanOut<'a>>,
}

#[derive(Debug, Serialize)]
struct LinkOut<'a> {
    span: SpanOut<'a>,
    url: &'a str,
    host: &'a str,
    domain: &'a str,
    official_for: Option<&'a str>,
    imitates: Option<&'a str>,
    findings: &'a [LinkFinding],
}

/// One line of `--format jsonl`. Field order is the documented contract.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    level: Level,
    score: u32,
    categories: &'a [Category],
    reasons: Vec<ReasonOut<'a>>,
    links: Vec<LinkOut<'a>>,
    otp: Option<&'a Otp>,
    sender_kind: SenderKind,
    brands: &'a [String],
    truncated: bool,
}

impl<'a> Record<'a> {
    /// The JSON view of `v`, the verdict for `body` on input line `line`.
    pub fn new(line: usize, label: Option<&'a str>, body: &'a str, v: &'a Verdict) -> Record<'a> {
        let span = |s: smishguard_core::Span| SpanOut {
            start: s.start,
            end: s.end,
            text: s.text(body),
        };
        Record {
            line,
            label,
            level: v.level,
            score: v.score,
            categories: &v.categories,
            reasons: v
                .reasons
                .iter()
                .map(|r| ReasonOut {
                    rule_id: &r.rule_id,
                    category: r.category,
                    weight: r.weight,
                    explanation: ExplanationOut {
                        zh: &r.explanation.zh,
                        en: &r.explanation.en,
                    },
                    evidence: r.evidence.map(span),
                })
                .collect(),
            links: v
                .links
                .iter()
                .map(|l| LinkOut {
                    span: span(l.span),
                    url: &l.url,
                    host: &l.host,
                    domain: &l.domain,
                    official_for: l.official_for.as_deref(),
                    imitates: l.imitates.as_deref(),
                    findings: &l.findings,
                })
                .collect(),
            otp: v.otp.as_ref(),
            sender_kind: v.sender,
            brands: &v.brands,
            truncated: v.truncated,
        }
    }
}

fn write_jsonl(out: &mut impl Write, table: &tsv::Table, engine: &Engine) -> std::io::Result<()> {
    let label_col = table.column("label");
    for row in &table.rows {
        let v = analyze_row(engine, table, row);
        let label = label_col.map(|i| row.fields[i].as_str());
        let record = Record::new(row.line, label, &row.fields[table.body], &v);
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The id of the strongest rule that raised the score, for one-line summaries.
pub fn top_reason(v: &Verdict) -> &str {
    v.reasons
        .iter()
        .find(|r| r.weight > 0)
        .map(|r| r.rule_id.as_ref())
        .unwrap_or("-")
}

fn write_table(
    out: &mut impl Write,
    table: &tsv::Table,
    engine: &Engine,
    all: bool,
    st: Style,
) -> std::io::Result<()> {
    let mut counts = [0usize; 3];
    let mut shown = Vec::new();
    for row in &table.rows {
        let v = analyze_row(engine, table, row);
        counts[level_index(v.level)] += 1;
        if all || v.is_flagged() {
            shown.push((row, v));
        }
    }

    let line_w = shown
        .iter()
        .map(|(r, _)| r.line.to_string().len())
        .max()
        .unwrap_or(4)
        .max(4);
    let reason_w = shown
        .iter()
        .map(|(_, v)| render::width(top_reason(v)))
        .max()
        .unwrap_or(10)
        .clamp(10, 38);
    const LEVEL_W: usize = 10;
    // line, level, score and reason columns plus the two-space gaps.
    let fixed = line_w + LEVEL_W + 5 + reason_w + 8;
    let body_w = render::terminal_columns().saturating_sub(fixed).max(20);

    if !shown.is_empty() {
        let header = format!(
            "{}  {}  {}  {}  {}",
            render::pad_left("line", line_w),
            render::pad("level", LEVEL_W),
            "score",
            render::pad("top reason", reason_w),
            "message"
        );
        writeln!(out, "{}", st.bold(&header))?;
        for (row, v) in &shown {
            let reason = render::preview(top_reason(v), reason_w);
            writeln!(
                out,
                "{}  {}  {}  {}  {}",
                render::pad_left(&row.line.to_string(), line_w),
                st.level_padded(v.level, LEVEL_W),
                render::pad_left(&v.score.to_string(), 5),
                render::pad(&reason, reason_w),
                render::preview(&row.fields[table.body], body_w)
            )?;
            // Why, in a sentence, under the reason column: in the message's
            // own language, so a Chinese message gets a Chinese explanation.
            if let Some(r) = v.reasons.iter().find(|r| r.weight > 0) {
                let body = &row.fields[table.body];
                let why = if looks_chinese(body) {
                    &r.explanation.zh
                } else {
                    &r.explanation.en
                };
                let indent = line_w + LEVEL_W + 5 + 6;
                let room = render::terminal_columns()
                    .saturating_sub(indent + 2)
                    .max(20);
                writeln!(
                    out,
                    "{}{}",
                    " ".repeat(indent),
                    st.dim(&format!("↳ {}", render::preview(why, room)))
                )?;
            }
        }
        writeln!(out)?;
    }
    let total: usize = counts.iter().sum();
    let [safe, suspicious, dangerous] = counts;
    let summary =
        format!("{total} messages: {safe} safe, {suspicious} suspicious, {dangerous} dangerous");
    // Bold when there is something to warn about, so the line stands out.
    if suspicious + dangerous > 0 {
        writeln!(out, "{}", st.bold(&summary))
    } else {
        writeln!(out, "{summary}")
    }
}

/// Whether a message is mostly written in Chinese (any Han character counts:
/// English messages almost never contain one).
fn looks_chinese(body: &str) -> bool {
    body.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Index of a level in `[safe, suspicious, dangerous]` counters.
pub fn level_index(level: Level) -> usize {
    match level {
        Level::Safe => 0,
        Level::Suspicious => 1,
        Level::Dangerous => 2,
    }
}
