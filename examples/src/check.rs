//! `smishguard check`: one message, explained for a human.

use crate::args::{self, FlagSpec};
use crate::render::{self, Style};
use crate::{engine, engine_flags_usage, CliError};
use smishguard_core::{Message, Verdict};
use std::io::Read;

const USAGE: &str = concat!(
    "\
usage: smishguard check [--sender S] [--rules PACK]... [--wording FILE|--no-wording] [--lang zh|en] TEXT|-

Analyses one message and explains the verdict: level, score, every rule that
fired with its explanation, the evidence highlighted in the message, links
and what is wrong with them, and the one-time code if the message carries one.
TEXT `-` reads the message from stdin. Several TEXT words are joined by spaces.

options:
  --sender S     the sender number or id (e.g. 95588, 10690000, +8613800138000)
",
    engine_flags_usage!(),
    "
  --lang zh|en   print explanations in one language only (default: both)
  -h, --help     this help

Evidence is printed in red on a terminal (set NO_COLOR to turn colour off);
otherwise evidence that raised the score is shown as [text] and reassuring
context such as 请勿泄露 as {text}.
Exit status: 0 when the message was analysed, whatever the verdict; 1 when the
input or a pack could not be read; 2 for a usage error."
);

const FLAGS: &[FlagSpec] = &[
    FlagSpec {
        name: "sender",
        takes_value: true,
    },
    engine::FLAGS[0],
    engine::FLAGS[1],
    engine::FLAGS[2],
    FlagSpec {
        name: "lang",
        takes_value: true,
    },
];

/// Runs `check` with the arguments after the subcommand.
pub fn run(argv: &[String]) -> Result<(), CliError> {
    let p = args::parse(argv, FLAGS, USAGE)?;
    if p.help {
        return crate::emit(&format!("{USAGE}\n"));
    }
    let lang = match p.value("lang") {
        None => None,
        Some(l @ ("zh" | "en")) => Some(l.to_string()),
        Some(other) => {
            return Err(CliError::Usage(
                format!("--lang must be zh or en, got `{other}`"),
                USAGE,
            ))
        }
    };
    let body = match p.positional.as_slice() {
        [] => {
            return Err(CliError::Usage(
                "missing TEXT (use - for stdin)".into(),
                USAGE,
            ))
        }
        [one] if one == "-" => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| CliError::Failed(format!("<stdin>: cannot read: {e}")))?;
            let text = String::from_utf8(buf).map_err(|e| {
                CliError::Failed(format!(
                    "<stdin>: invalid UTF-8 at byte {}",
                    e.utf8_error().valid_up_to() + 1
                ))
            })?;
            // A trailing newline from `echo` is not part of the message.
            text.strip_suffix('\n')
                .map(|t| t.strip_suffix('\r').unwrap_or(t))
                .unwrap_or(&text)
                .to_string()
        }
        many => many.join(" "),
    };
    let loaded = engine::load(&p)?;
    let sender = p.value("sender");
    let mut message = Message::new(&body);
    if let Some(s) = sender {
        message = message.with_sender(s);
    }
    let verdict = loaded.get().analyze(&message);
    let style = Style::for_stdout();
    crate::emit(&report(&body, sender, &verdict, lang.as_deref(), style))
}

/// The human-readable report for one verdict.
pub fn report(
    body: &str,
    sender: Option<&str>,
    v: &Verdict,
    lang: Option<&str>,
    st: Style,
) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let _ = write!(
        o,
        "{}  {}",
        st.level(v.level),
        st.bold(&format!("score {}", v.score))
    );
    if let Some(s) = sender {
        let _ = write!(o, "   sender {s} ({})", v.sender.as_str());
    }
    o.push('\n');
    if !v.categories.is_empty() {
        let cats: Vec<&str> = v.categories.iter().map(|c| c.as_str()).collect();
        let _ = writeln!(o, "{} {}", st.dim("categories:"), cats.join(", "));
    }
    if !v.brands.is_empty() {
        let _ = writeln!(o, "{} {}", st.dim("brands named:"), v.brands.join(", "));
    }
    if v.truncated {
        let _ = writeln!(
            o,
            "{}",
            st.dim("(long message: only its start was analysed)")
        );
    }

    let _ = writeln!(o, "\n{}", st.bold("message"));
    for line in render::highlight(body, v, st).lines() {
        let _ = writeln!(o, "  {line}");
    }

    if !v.reasons.is_empty() {
        let _ = writeln!(o, "\n{}", st.bold("reasons"));
        for r in &v.reasons {
            let weight = format!("{:+}", r.weight);
            let _ = writeln!(
                o,
                "  {:>4}  {}  {}",
                weight,
                st.bold(&r.rule_id),
                st.dim(&format!("[{}]", r.category.as_str()))
            );
            if lang != Some("en") {
                let _ = writeln!(o, "        {}", r.explanation.zh);
            }
            if lang != Some("zh") {
                let _ = writeln!(o, "        {}", r.explanation.en);
            }
            if let Some(span) = r.evidence {
                let quoted = span.text(body);
                if !quoted.is_empty() {
                    let shown = match r.weight {
                        w if w < 0 => st.reassuring(quoted),
                        0 => st.bold(quoted),
                        _ => st.danger(quoted),
                    };
                    let _ = writeln!(o, "        {} «{}»", st.dim("evidence"), shown);
                }
            }
        }
    }

    if !v.links.is_empty() {
        let _ = writeln!(o, "\n{}", st.bold("links"));
        for l in &v.links {
            let findings: Vec<&str> = l.findings.iter().map(|f| f.as_str()).collect();
            let _ = writeln!(o, "  {}  →  {}", l.span.text(body), l.url);
            let mut detail = format!("host {}, domain {}", l.host, l.domain);
            if let Some(b) = &l.official_for {
                let _ = write!(detail, ", official for {b}");
            }
            if let Some(b) = &l.imitates {
                let _ = write!(detail, ", imitates {b}");
            }
            let _ = writeln!(o, "     {}", st.dim(&detail));
            if !findings.is_empty() {
                let _ = writeln!(o, "     findings: {}", findings.join(", "));
            }
        }
    }

    if let Some(otp) = &v.otp {
        let _ = writeln!(o, "\n{}", st.bold("one-time code"));
        let _ = writeln!(o, "  code {}  purpose {}", otp.code, otp.purpose.as_str());
        if let Some(a) = &otp.amount {
            let _ = writeln!(o, "  amount {a}");
        }
        let warns = if otp.warns_not_to_share { "yes" } else { "no" };
        let _ = writeln!(o, "  tells you not to share it: {warns}");
    }
    o
}
