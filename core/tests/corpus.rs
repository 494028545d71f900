//! Accuracy on the project's own labelled corpus (`core/tests/corpus/*.tsv`, written by
//! the project). Every family has a bar it must clear; adding a case is adding a row to
//! a TSV, adding a family is adding a row to `FAMILY_BARS`.

use smishguard_core::{Engine, Level, Message};
use std::collections::BTreeMap;

// The same TSV unescaping as the CLI (core tests cannot depend on the CLI crate).
#[path = "../../examples/src/escape.rs"]
mod escape;
use escape::unescape;

/// What "good" means per family: the least share of scams flagged (suspicious or
/// dangerous), or the most share of legitimate messages flagged.
enum Bar {
    /// Scams: at least this share must be flagged.
    Recall(f64),
    /// Legitimate: at most this share may be flagged.
    FalsePositives(f64),
    /// Spam: at most this share may be dangerous (suspicious is fine).
    Dangerous(f64),
}

const FAMILY_BARS: &[(&str, Bar)] = &[
    ("refund_link", Bar::Recall(0.95)),
    ("code_request", Bar::Recall(0.90)),
    ("card_request", Bar::Recall(0.90)),
    ("remote_control", Bar::Recall(0.90)),
    ("off_platform", Bar::Recall(0.90)),
    ("cancel_membership", Bar::Recall(0.90)),
    ("duplicate_charge", Bar::Recall(0.90)),
    ("lost_parcel", Bar::Recall(0.90)),
    ("quality_recall", Bar::Recall(0.90)),
    ("police_impersonation", Bar::Recall(0.90)),
    ("loan_fee", Bar::Recall(0.85)),
    ("acquaintance", Bar::Recall(0.85)),
    ("account_alert", Bar::Recall(0.90)),
    ("delivery", Bar::Recall(0.90)),
    ("prize", Bar::Recall(0.80)),
    ("toll_tax", Bar::Recall(0.90)),
    ("otp_bank", Bar::FalsePositives(0.0)),
    ("otp_shop", Bar::FalsePositives(0.0)),
    ("refund_notice", Bar::FalsePositives(0.05)),
    ("parcel_pickup", Bar::FalsePositives(0.05)),
    ("anti_fraud", Bar::FalsePositives(0.05)),
    ("personal_chat", Bar::FalsePositives(0.05)),
    ("official_link", Bar::FalsePositives(0.05)),
    ("bank_notice", Bar::FalsePositives(0.05)),
    ("spam", Bar::Dangerous(0.0)),
];

/// Overall bars across all files (the "done" line for unseen messages).
const OVERALL_SCAM_RECALL: f64 = 0.95;
const OVERALL_LEGIT_FALSE_POSITIVES: f64 = 1.0 / 70.0;

const FILES: &[(&str, &str)] = &[
    ("zh_hans.tsv", include_str!("corpus/zh_hans.tsv")),
    ("zh_hant.tsv", include_str!("corpus/zh_hant.tsv")),
    ("en.tsv", include_str!("corpus/en.tsv")),
];

struct Row<'a> {
    file: &'static str,
    line: usize,
    label: &'a str,
    family: &'a str,
    sender: String,
    body: String,
}

fn rows() -> Vec<Row<'static>> {
    let mut rows = Vec::new();
    for (file, text) in FILES {
        let mut lines = text.lines().enumerate();
        let (_, header) = lines.next().expect("corpus file has a header");
        assert_eq!(header, "label\tfamily\tsender\tbody", "{file}: header");
        for (i, line) in lines {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "{file}:{}: expected 4 fields", i + 1);
            assert!(
                matches!(fields[0], "scam" | "legit" | "spam"),
                "{file}:{}: unknown label {:?}",
                i + 1,
                fields[0]
            );
            rows.push(Row {
                file,
                line: i + 1,
                label: fields[0],
                family: fields[1],
                sender: unescape(fields[2]),
                body: unescape(fields[3]),
            });
        }
    }
    rows
}

#[derive(Default)]
struct Tally {
    total: usize,
    flagged: usize,
    dangerous: usize,
    misses: Vec<String>,
}

#[test]
fn every_family_clears_its_bar() {
    let engine = Engine::builtin();
    let mut by_family: BTreeMap<&str, Tally> = BTreeMap::new();
    let (mut scams, mut scams_flagged, mut legit, mut legit_flagged) = (0, 0, 0, 0);
    for row in rows() {
        let sender = (!row.sender.is_empty()).then_some(row.sender.as_str());
        let verdict = engine.analyze(&Message {
            sender,
            body: &row.body,
            received_at_millis: None,
        });
        let flagged = verdict.is_flagged();
        let t = by_family.entry(row.family).or_default();
        t.total += 1;
        t.flagged += usize::from(flagged);
        t.dangerous += usize::from(verdict.level == Level::Dangerous);
        let wrong = match row.label {
            "scam" => !flagged,
            "legit" => flagged,
            _ => verdict.level == Level::Dangerous,
        };
        if wrong {
            t.misses.push(format!(
                "{}:{} [{}] {}",
                row.file,
                row.line,
                verdict.level.as_str(),
                row.body
            ));
        }
        match row.label {
            "scam" => (scams += 1, scams_flagged += usize::from(flagged)),
            "legit" => (legit += 1, legit_flagged += usize::from(flagged)),
            _ => ((), ()),
        };
    }

    let mut failures = Vec::new();
    for (family, tally) in &by_family {
        let Some((_, bar)) = FAMILY_BARS.iter().find(|(f, _)| f == family) else {
            failures.push(format!("family `{family}` has no bar in FAMILY_BARS"));
            continue;
        };
        let share = |n: usize| n as f64 / tally.total as f64;
        let ok = match bar {
            Bar::Recall(min) => share(tally.flagged) >= *min,
            Bar::FalsePositives(max) => share(tally.flagged) <= *max,
            Bar::Dangerous(max) => share(tally.dangerous) <= *max,
        };
        if !ok {
            failures.push(format!(
                "{family}: {}/{} flagged, {} dangerous; wrong:\n    {}",
                tally.flagged,
                tally.total,
                tally.dangerous,
                tally.misses.join("\n    ")
            ));
        }
    }
    let recall = scams_flagged as f64 / scams as f64;
    let fp = legit_flagged as f64 / legit as f64;
    if recall < OVERALL_SCAM_RECALL {
        failures.push(format!(
            "overall scam recall {recall:.3} < {OVERALL_SCAM_RECALL}"
        ));
    }
    if fp > OVERALL_LEGIT_FALSE_POSITIVES {
        failures.push(format!(
            "overall legit false-positive rate {fp:.4} > {OVERALL_LEGIT_FALSE_POSITIVES:.4}"
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
