//! `smishguard eval`: accuracy on labelled TSV corpora.

use crate::args::{self, FlagSpec};
use crate::render::{self, Style};
use crate::scan::analyze_row;
use crate::{engine, engine_flags_usage, tsv, CliError};
use smishguard_core::{Level, Verdict};
use std::collections::BTreeMap;
use std::fmt::Write;

const USAGE: &str = concat!(
    "\
usage: smishguard eval [--show N] [--rules PACK]... [--wording FILE|--no-wording] FILE...

Measures the engine on TSV files with a `label` column (scam, legit or spam)
and a `body` column; `sender` is used when present. For each file and in
total it prints counts and:
  scam recall       scams flagged (suspicious or dangerous)
  scam dangerous    scams marked dangerous
  legit FP          legitimate messages flagged (false positives)
  spam dangerous    spam marked dangerous (should stay low: spam is not fraud)
  spam flagged      spam flagged at all
With a `category` (or `family`) column, scam recall and legit FP are also
given per category.

options:
  --show N       list up to N misclassified rows per file (missed scams,
                 flagged legit, dangerous spam) with level, score, top three
                 reasons and a preview
",
    engine_flags_usage!(),
    "
  -h, --help     this help

Exit status: 0 when every file was evaluated; 1 on an unreadable or malformed
file or an unknown label (the error names FILE:LINE); 2 for a usage error."
);

const FLAGS: &[FlagSpec] = &[
    FlagSpec {
        name: "show",
        takes_value: true,
    },
    engine::FLAGS[0],
    engine::FLAGS[1],
    engine::FLAGS[2],
];

/// Counters for one file, one category or the total.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    scam: usize,
    scam_flagged: usize,
    scam_dangerous: usize,
    legit: usize,
    legit_flagged: usize,
    spam: usize,
    spam_flagged: usize,
    spam_dangerous: usize,
}

impl Counts {
    fn add(&mut self, label: Label, level: Level) {
        let flagged = level >= Level::Suspicious;
        let dangerous = level == Level::Dangerous;
        match label {
            Label::Scam => {
                self.scam += 1;
                self.scam_flagged += flagged as usize;
                self.scam_dangerous += dangerous as usize;
            }
            Label::Legit => {
                self.legit += 1;
                self.legit_flagged += flagged as usize;
            }
            Label::Spam => {
                self.spam += 1;
                self.spam_flagged += flagged as usize;
                self.spam_dangerous += dangerous as usize;
            }
        }
    }

    fn merge(&mut self, o: &Counts) {
        self.scam += o.scam;
        self.scam_flagged += o.scam_flagged;
        self.scam_dangerous += o.scam_dangerous;
        self.legit += o.legit;
        self.legit_flagged += o.legit_flagged;
        self.spam += o.spam;
        self.spam_flagged += o.spam_flagged;
        self.spam_dangerous += o.spam_dangerous;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Scam,
    Legit,
    Spam,
}

impl Label {
    fn parse(s: &str) -> Option<Label> {
        match s.trim().to_ascii_lowercase().as_str() {
            "scam" => Some(Label::Scam),
            "legit" => Some(Label::Legit),
            "spam" => Some(Label::Spam),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Label::Scam => "scam",
            Label::Legit => "legit",
            Label::Spam => "spam",
        }
    }

    /// Whether `level` is wrong for this label.
    fn misclassified(self, level: Level) -> bool {
        match self {
            Label::Scam => level == Level::Safe,
            Label::Legit => level != Level::Safe,
            Label::Spam => level == Level::Dangerous,
        }
    }
}

/// A misclassified row, kept for `--show`.
#[derive(Debug)]
struct Miss {
    line: usize,
    label: Label,
    verdict: Verdict,
    body: String,
}

/// Everything measured on one file.
#[derive(Debug)]
struct FileResult {
    name: String,
    counts: Counts,
    by_category: Option<BTreeMap<String, Counts>>,
    misses: Vec<Miss>,
    missed_total: usize,
}

/// Runs `eval` with the arguments after the subcommand.
pub fn run(argv: &[String]) -> Result<(), CliError> {
    let p = args::parse(argv, FLAGS, USAGE)?;
    if p.help {
        return crate::emit(&format!("{USAGE}\n"));
    }
    let show: usize = p.number("show", USAGE)?.unwrap_or(0);
    if p.positional.is_empty() {
        return Err(CliError::Usage("missing FILE".into(), USAGE));
    }
    let loaded = engine::load(&p)?;
    let mut results = Vec::new();
    for path in &p.positional {
        results.push(eval_file(loaded.get(), path, show)?);
    }
    crate::emit(&report(&results, show, Style::for_stdout()))
}

fn eval_file(
    engine: &smishguard_core::Engine,
    path: &str,
    show: usize,
) -> Result<FileResult, CliError> {
    let table = tsv::read(path)?;
    let label_col = table.column("label").ok_or_else(|| {
        CliError::Failed(format!(
            "{}:1: no `label` column (eval needs scam|legit|spam labels)",
            table.name
        ))
    })?;
    let cat_col = table.column("category").or_else(|| table.column("family"));
    let mut counts = Counts::default();
    let mut by_category = cat_col.map(|_| BTreeMap::<String, Counts>::new());
    let mut misses = Vec::new();
    let mut missed_total = 0;
    for row in &table.rows {
        let raw = &row.fields[label_col];
        let label = Label::parse(raw).ok_or_else(|| {
            CliError::Failed(format!(
                "{}:{}: unknown label `{raw}` (expected scam, legit or spam)",
                table.name, row.line
            ))
        })?;
        let v = analyze_row(engine, &table, row);
        counts.add(label, v.level);
        if let (Some(map), Some(i)) = (by_category.as_mut(), cat_col) {
            let cat = row.fields[i].trim();
            let cat = if cat.is_empty() { "(none)" } else { cat };
            map.entry(cat.to_string()).or_default().add(label, v.level);
        }
        if label.misclassified(v.level) {
            missed_total += 1;
            if misses.len() < show {
                misses.push(Miss {
                    line: row.line,
                    label,
                    verdict: v,
                    body: row.fields[table.body].clone(),
                });
            }
        }
    }
    Ok(FileResult {
        name: table.name,
        counts,
        by_category,
        misses,
        missed_total,
    })
}

/// `42.1% (8/19)`, or `-` when there is nothing to measure.
fn rate(num: usize, den: usize) -> String {
    if den == 0 {
        "-".to_string()
    } else {
        let pct = 100.0 * num as f64 / den as f64;
        // Below 1% one decimal hides what matters (targets such as ≤ 0.2% FP).
        if num > 0 && pct < 1.0 {
            format!("{pct:.2}% ({num}/{den})")
        } else {
            format!("{pct:.1}% ({num}/{den})")
        }
    }
}

/// Renders rows of cells as an aligned table; the first column is left-aligned,
/// the others right-aligned (they hold numbers).
fn aligned(rows: &[Vec<String>], st: Style) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| render::width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, s)| {
                if c == 0 {
                    render::pad(s, widths[c])
                } else {
                    render::pad_left(s, widths[c])
                }
            })
            .collect();
        let line = cells.join("  ");
        let line = line.trim_end();
        if i == 0 {
            let _ = writeln!(out, "{}", st.bold(line));
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

fn counts_row(name: &str, c: &Counts) -> Vec<String> {
    vec![
        name.to_string(),
        (c.scam + c.legit + c.spam).to_string(),
        c.scam.to_string(),
        c.legit.to_string(),
        c.spam.to_string(),
        rate(c.scam_flagged, c.scam),
        rate(c.scam_dangerous, c.scam),
        rate(c.legit_flagged, c.legit),
        rate(c.spam_dangerous, c.spam),
        rate(c.spam_flagged, c.spam),
    ]
}

fn report(results: &[FileResult], show: usize, st: Style) -> String {
    let mut out = String::new();
    let header: Vec<String> = [
        "file",
        "rows",
        "scam",
        "legit",
        "spam",
        "scam recall",
        "scam dangerous",
        "legit FP",
        "spam dangerous",
        "spam flagged",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rows = vec![header];
    let mut total = Counts::default();
    for r in results {
        rows.push(counts_row(&r.name, &r.counts));
        total.merge(&r.counts);
    }
    if results.len() > 1 {
        rows.push(counts_row("total", &total));
    }
    out.push_str(&aligned(&rows, st));

    for r in results {
        let Some(map) = &r.by_category else { continue };
        let _ = writeln!(out, "\n{} {}", st.bold("by category:"), r.name);
        let mut rows = vec![[
            "category",
            "scam",
            "scam recall",
            "legit",
            "legit FP",
            "spam",
            "spam dangerous",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()];
        for (cat, c) in map {
            rows.push(vec![
                cat.clone(),
                c.scam.to_string(),
                rate(c.scam_flagged, c.scam),
                c.legit.to_string(),
                rate(c.legit_flagged, c.legit),
                c.spam.to_string(),
                rate(c.spam_dangerous, c.spam),
            ]);
        }
        out.push_str(&aligned(&rows, st));
    }

    if show > 0 {
        for r in results {
            let _ = writeln!(
                out,
                "\n{} {} ({} of {} shown)",
                st.bold("misclassified:"),
                r.name,
                r.misses.len(),
                r.missed_total
            );
            let width = render::terminal_columns().saturating_sub(4).max(40);
            for m in &r.misses {
                let top: Vec<&str> = m
                    .verdict
                    .reasons
                    .iter()
                    .filter(|x| x.weight > 0)
                    .take(3)
                    .map(|x| x.rule_id.as_ref())
                    .collect();
                let top = if top.is_empty() {
                    "no reasons".to_string()
                } else {
                    top.join(", ")
                };
                let _ = writeln!(
                    out,
                    "  line {}  {} → {} (score {})  {}",
                    m.line,
                    m.label.as_str(),
                    st.level(m.verdict.level),
                    m.verdict.score,
                    st.dim(&top)
                );
                let _ = writeln!(out, "    {}", render::preview(&m.body, width));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_misclassification() {
        assert_eq!(rate(1, 3), "33.3% (1/3)");
        assert_eq!(rate(0, 0), "-");
        assert_eq!(rate(9, 24332), "0.04% (9/24332)");
        assert_eq!(rate(0, 7), "0.0% (0/7)");
        assert!(Label::Scam.misclassified(Level::Safe));
        assert!(!Label::Spam.misclassified(Level::Suspicious));
        assert!(Label::Legit.misclassified(Level::Suspicious));
        assert_eq!(Label::parse(" Scam "), Some(Label::Scam));
    }
}
