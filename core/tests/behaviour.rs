//! Behaviour tests read from `behaviour.toml`: one table per case, so adding a case is
//! adding a table, not code.

use serde::Deserialize;
use smishguard_core::{Engine, Message};
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    body: String,
    sender: Option<String>,
    level: Option<String>,
    /// Suspicious or dangerous, either: for scams whose exact level is not the point.
    flagged: Option<bool>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    not_rules: Vec<String>,
    #[serde(default)]
    evidence: BTreeMap<String, String>,
    otp: Option<OtpCase>,
    #[serde(default)]
    links: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    brands: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OtpCase {
    code: String,
    purpose: String,
    amount: Option<String>,
    warns: bool,
}

#[test]
fn behaviour_table() {
    let cases: Cases =
        toml::from_str(include_str!("behaviour.toml")).expect("behaviour.toml parses");
    let engine = Engine::builtin();
    let mut failures = Vec::new();
    for case in &cases.case {
        let msg = Message {
            sender: case.sender.as_deref(),
            body: &case.body,
            received_at_millis: None,
        };
        let v = engine.analyze(&msg);
        let mut fail = |what: String| failures.push(format!("{}: {what}", case.name));
        let fired: Vec<&str> = v.reasons.iter().map(|r| &*r.rule_id).collect();
        if let Some(level) = &case.level {
            if v.level.as_str() != level {
                fail(format!(
                    "level {} (score {}), expected {level}; reasons {fired:?}",
                    v.level.as_str(),
                    v.score
                ));
            }
        }
        if let Some(want) = case.flagged {
            if (v.level.as_str() != "safe") != want {
                fail(format!(
                    "level {} (score {}), expected {}; reasons {fired:?}",
                    v.level.as_str(),
                    v.score,
                    if want { "flagged" } else { "safe" }
                ));
            }
        }
        for id in &case.rules {
            if !fired.contains(&id.as_str()) {
                fail(format!("rule {id} did not fire; fired {fired:?}"));
            }
        }
        for id in &case.not_rules {
            if fired.contains(&id.as_str()) {
                fail(format!("rule {id} fired but must not"));
            }
        }
        for (id, quote) in &case.evidence {
            let got = v
                .reasons
                .iter()
                .find(|r| *r.rule_id == **id)
                .and_then(|r| r.evidence)
                .map(|s| s.text(&case.body));
            if got != Some(quote.as_str()) {
                fail(format!("evidence of {id} is {got:?}, expected {quote:?}"));
            }
        }
        if let Some(want) = &case.otp {
            match &v.otp {
                None => fail("no OTP found".into()),
                Some(o) => {
                    let got = (
                        o.code.as_str(),
                        o.purpose.as_str(),
                        o.amount.as_deref(),
                        o.warns_not_to_share,
                    );
                    let expected = (
                        want.code.as_str(),
                        want.purpose.as_str(),
                        want.amount.as_deref(),
                        want.warns,
                    );
                    if got != expected
                        && !(want.amount.is_none()
                            && (got.0, got.1, got.3) == (expected.0, expected.1, expected.3))
                    {
                        fail(format!("OTP {got:?}, expected {expected:?}"));
                    }
                    if o.span.text(&case.body) != o.code {
                        fail(format!(
                            "OTP span quotes {:?}, not the code",
                            o.span.text(&case.body)
                        ));
                    }
                }
            }
        }
        for (host, findings) in &case.links {
            match v.links.iter().find(|l| &l.host == host) {
                None => fail(format!(
                    "no link with host {host}; links {:?}",
                    v.links.iter().map(|l| &l.host).collect::<Vec<_>>()
                )),
                Some(l) => {
                    let got: Vec<&str> = l.findings.iter().map(|f| f.as_str()).collect();
                    for f in findings {
                        if !got.contains(&f.as_str()) {
                            fail(format!("link {host} lacks finding {f}; has {got:?}"));
                        }
                    }
                }
            }
        }
        for b in &case.brands {
            if !v.brands.contains(b) {
                fail(format!("brand {b} not named; named {:?}", v.brands));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} behaviour failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn huge_and_hostile_bodies_get_a_verdict() {
    let engine = Engine::builtin();
    let huge = "验证码 hxxp://jd.com@x[.]cc 退-款 ".repeat(20_000);
    let v = engine.analyze(&Message::new(&huge));
    assert!(
        v.truncated,
        "a body over the limit is analysed in part and says so"
    );
    for body in [
        "\u{0}",
        "\u{FFFD}\u{FFFD}",
        "...",
        "http://",
        "@@@",
        "点com点com",
        "\u{200b}\u{200b}",
    ] {
        let v = engine.analyze(&Message::new(body));
        assert!(!v.truncated, "{body:?}");
    }
}
