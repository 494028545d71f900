//! End-to-end tests of the `smishguard` binary: the jsonl contract, clear
//! errors for bad input and bad packs, and the verdicts `check` prints.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const REFUND_SCAM: &str = "【淘宝】亲，您购买的商品因质量问题需要召回，我们将为您办理三倍赔偿退款，请点击 tb-refund.top/a8 填写退款信息并提供收到的验证码。";
const BANK_OTP: &str = "【招商银行】验证码 551203，您正在登录手机银行，5分钟内有效。请勿泄露给他人，银行工作人员不会索取验证码。";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_smishguard"));
    // Plain output whatever the environment: tests read the text.
    c.env("NO_COLOR", "1").env("COLUMNS", "120");
    c
}

/// A fresh file under the target's temp dir with these bytes.
fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run smishguard")
}

/// Runs the CLI with `args`, writing `input` to its standard input.
fn run_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Undoes the TSV escapes the way the format defines them, independently of the CLI.
fn unescape(s: &str) -> String {
    s.replace("\\\\", "\u{0}")
        .replace("\\t", "\t")
        .replace("\\n", "\n")
        .replace('\u{0}', "\\")
}

#[test]
fn jsonl_has_one_valid_object_per_row_in_input_order() {
    let rows = [
        ("1", "17088213345", REFUND_SCAM, "scam"),
        ("2", "95555", BANK_OTP, "legit"),
        // Escapes before the evidence shift byte offsets if they are not decoded.
        (
            "3",
            "",
            "第一行\\n第二行\\t退款到账了吗？路径 C:\\\\tmp",
            "legit",
        ),
        ("4", "", "Your code is 5521. Never share it.", "legit"),
        (
            "5",
            "+447700900123",
            "Royal Mail: unpaid postage £1.45, pay at royalmail-redelivery.info/uk",
            "scam",
        ),
    ];
    let mut tsv = String::from("id\tsender\tbody\tlabel\n");
    for (id, sender, body, label) in rows {
        tsv.push_str(&format!("{id}\t{sender}\t{body}\t{label}\n"));
    }
    let path = temp_file("inbox.tsv", tsv.as_bytes());
    let out = run(bin().args(["scan", "--format", "jsonl"]).arg(&path));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));

    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), rows.len(), "one object per data row:\n{text}");
    for (i, (line, (_, _, body, label))) in lines.iter().zip(rows).enumerate() {
        let v: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("line {i} is not JSON ({e}): {line}"));
        assert_eq!(v["line"], i + 2, "input order and line numbers");
        assert_eq!(v["label"], label);
        let level = v["level"].as_str().expect("level is a string");
        assert!(
            ["safe", "suspicious", "dangerous"].contains(&level),
            "level {level}"
        );
        assert!(v["score"].is_u64(), "score is a number");
        assert!(v["categories"].is_array() && v["links"].is_array());
        assert!(v["sender_kind"].is_string());
        assert!(v.get("otp").is_some(), "otp present (null or object)");
        let body = unescape(body);
        for r in v["reasons"].as_array().expect("reasons is an array") {
            assert!(
                r["rule_id"].is_string() && r["category"].is_string() && r["weight"].is_i64(),
                "{r}"
            );
            assert!(
                r["explanation"]["zh"].is_string() && r["explanation"]["en"].is_string(),
                "{r}"
            );
            if !r["evidence"].is_null() {
                let start = r["evidence"]["start"].as_u64().expect("start") as usize;
                let end = r["evidence"]["end"].as_u64().expect("end") as usize;
                // Offsets index the unescaped body, and `text` quotes it.
                assert_eq!(body.get(start..end), r["evidence"]["text"].as_str(), "{r}");
            }
        }
    }
    let first: Value = serde_json::from_str(lines[0]).expect("json");
    assert_eq!(
        first["level"], "dangerous",
        "the refund-link scam: {}",
        lines[0]
    );
    assert!(!first["reasons"].as_array().expect("array").is_empty());
}

#[test]
fn jsonl_reads_stdin() {
    let input = format!("body\n{BANK_OTP}\nhello\n");
    let out = run_with_stdin(&["scan", "--format=jsonl", "-"], &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 2);
    assert!(
        !stdout(&out).contains("\"label\""),
        "no label column, no label field"
    );
}

#[test]
fn malformed_tsv_names_the_line_and_fails_without_panicking() {
    let cases: [(&str, &[u8], &str); 3] = [
        ("nobody.tsv", b"label\ttext\nscam\thello\n", "nobody.tsv:1:"),
        (
            "utf8.tsv",
            b"label\tbody\nlegit\tfine\nscam\t\xff\xfe broken\n",
            "utf8.tsv:3:",
        ),
        (
            "fields.tsv",
            b"label\tbody\nlegit\tfine\nlegit\ttoo\tmany\n",
            "fields.tsv:3:",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = temp_file(name, bytes);
        for format in ["jsonl", "table"] {
            let out = run(bin().args(["scan", "--format", format]).arg(&path));
            // 1, not 101: a panic would be a bug even if it exits non-zero.
            assert_eq!(
                out.status.code(),
                Some(1),
                "{name} {format}: {}",
                stderr(&out)
            );
            assert!(
                stderr(&out).contains(expected),
                "{name}: error should name {expected}: {}",
                stderr(&out)
            );
            assert!(
                stdout(&out).is_empty(),
                "no partial output before the error"
            );
        }
    }
    let missing = run(bin().args(["scan", "/nonexistent/inbox.tsv"]));
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("/nonexistent/inbox.tsv"));
}

#[test]
fn malformed_pack_is_rejected_with_file_and_line() {
    // Line 3 is not valid TOML (unterminated string).
    let syntax = temp_file(
        "broken.toml",
        b"[pack]\nid = \"broken\"\n[[rule]\nid = \"x\n",
    );
    let out = run(bin().args(["rules", "check"]).arg(&syntax));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:3", syntax.display())),
        "file:line in: {err}"
    );

    // Valid TOML, but the rule's pattern does not compile: the rule id is named.
    let pattern = temp_file(
        "badpattern.toml",
        "[pack]\nid = \"test_bad\"\n\n[[rule]]\nid = \"test.bad_pattern\"\ncategory = \"refund\"\nweight = 10\npatterns = [\"退款(\"]\nexplain = { zh = \"测试\", en = \"test\" }\n"
            .as_bytes(),
    );
    let out = run(bin().args(["rules", "check", "--only"]).arg(&pattern));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("badpattern.toml:") && err.contains("test.bad_pattern"),
        "{err}"
    );

    // The same pack given to scan stops before any output.
    let inbox = temp_file("in.tsv", b"body\nhello\n");
    let out = run(bin().args(["scan", "--rules"]).arg(&pattern).arg(&inbox));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("test.bad_pattern"));
}

#[test]
fn rules_check_warns_of_traditional_characters_that_can_never_match() {
    // Messages are folded to simplified Chinese first, so 發給我 can never match;
    // the pack is still valid (the simplified half works) and the exit is 0.
    let pack = temp_file(
        "traditional.toml",
        "[pack]\nid = \"test_hant\"\n\n[[rule]]\nid = \"test.hant\"\ncategory = \"code_request\"\nweight = 40\npatterns = [\"验证码.{0,8}(发给我|發給我)\"]\nexplain = { zh = \"测试\", en = \"test\" }\nmatch = [\"把验证码发给我\"]\nno_match = [\"验证码请勿告诉他人\"]\n"
            .as_bytes(),
    );
    let out = run(bin().args(["rules", "check", "--only"]).arg(&pack));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("warning: {}:8: rule `test.hant`", pack.display()))
            && err.contains("發 → 发, 給 → 给"),
        "{err}"
    );
    // The repository's packs give no warning.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules");
    let zh = PathBuf::from(dir).join("zh.toml");
    let out = run(bin().args(["rules", "check"]).arg(&zh));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn check_flags_refund_link_scam_as_dangerous() {
    let out = run(bin().args(["check", "--sender", "17088213345", REFUND_SCAM]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("dangerous"), "{text}");
    // Evidence is bracketed inside the message when not on a terminal.
    assert!(text.contains('['), "{text}");
}

#[test]
fn check_keeps_bank_otp_safe() {
    let out = run(bin().args(["check", "--sender", "95555", "--lang", "en", BANK_OTP]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("safe"), "{text}");
    assert!(text.contains("551203"), "the code is reported: {text}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "--bogus", "x"][..],
        &["scan"],
        &["frobnicate"],
        &["scan", "--format", "xml", "f"],
    ] {
        let out = run(bin().args(args));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("usage"), "{args:?}");
    }
    let help = run(bin().args(["scan", "--help"]));
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("--format"));
}

#[test]
fn scan_table_prints_flagged_rows_and_summary() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-inbox.tsv");
    let out = run(bin().args(["scan", sample]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let summary = text.lines().last().expect("a summary line");
    let nums: Vec<usize> = summary
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(
        summary.ends_with("dangerous") && nums.len() == 4,
        "{summary}"
    );
    assert_eq!(nums[0], 21, "every message counted");
    assert_eq!(nums[0], nums[1] + nums[2] + nums[3], "{summary}");
    // Only flagged rows are listed: one table line per flagged message.
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .filter(|l| !l.contains("messages:"))
        .collect();
    let listed = rows
        .iter()
        .filter(|l| l.contains(" dangerous ") || l.contains(" suspicious "))
        .count();
    assert_eq!(listed, rows.len(), "only flagged rows: {text}");
    assert_eq!(listed, nums[2] + nums[3], "{text}");
    assert!(!text.lines().any(|l| l.contains(" safe ")), "{text}");
}

#[test]
fn eval_reports_rates_and_rejects_unknown_labels() {
    let tsv = format!("label\tsender\tbody\tcategory\nscam\t17088213345\t{REFUND_SCAM}\trefund\nlegit\t95555\t{BANK_OTP}\totp\nspam\t\t全场五折，回T退订\tads\n");
    let path = temp_file("labelled.tsv", tsv.as_bytes());
    let out = run(bin().args(["eval", "--show", "5"]).arg(&path));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("scam recall") && text.contains("legit FP"),
        "{text}"
    );
    assert!(text.contains("100.0% (1/1)"), "the scam is caught: {text}");
    assert!(text.contains("by category"), "{text}");

    let bad = temp_file("badlabel.tsv", b"label\tbody\nscam\thi\nham\thello\n");
    let out = run(bin().args(["eval"]).arg(&bad));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("badlabel.tsv:3:"), "{}", stderr(&out));
}

#[test]
fn check_reads_stdin_and_can_limit_the_language() {
    let out = run_with_stdin(
        &["check", "--lang", "zh", "--sender", "17088213345", "-"],
        &format!("{REFUND_SCAM}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("dangerous"), "{text}");
    // --lang zh: the reasons are explained in Chinese only.
    let reasons = text.split("reasons").nth(1).expect("a reasons section");
    assert!(
        !reasons.lines().any(|l| l.starts_with("        ")
            && l.trim_start().starts_with(|c: char| c.is_ascii_uppercase())),
        "{text}"
    );
}

#[test]
fn rules_check_accepts_the_repository_packs() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules");
    let mut packs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("rules/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    packs.sort();
    assert!(!packs.is_empty());
    let out = run(bin().args(["rules", "check", "--only"]).args(&packs));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("ok: ") && text.contains(&format!("in {} packs", packs.len())),
        "{text}"
    );
}

#[test]
fn bench_reports_a_first_pass_over_given_files_and_names_a_bad_one() {
    let inbox = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-inbox.tsv");
    let out = run(bin().args(["bench", "--seconds", "0.05", inbox]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("distinct, 1st pass"), "{text}");
    assert!(text.contains("precompiled, 1st pass"), "{text}");
    assert!(text.contains("cold engine build"), "{text}");

    let bad = temp_file("bench-bad.tsv", b"sender\tlabel\n1\tscam\n");
    let out = run(bin().args(["bench", "--seconds", "0.05"]).arg(&bad));
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("bench-bad.tsv"), "{}", stderr(&out));
}

#[test]
fn train_writes_a_model_that_check_can_use_and_bad_models_name_the_line() {
    let rows = "label\tbody\n\
        scam\tthis is the returns team, your refund is waiting, call us back today\n\
        scam\treturns team here: a refund is waiting for you, ring us back today\n\
        legit\tsee you at the station at six, bring the umbrella\n\
        legit\tthe umbrella is at the station, see you at six\n\
        spam\tbig sale this weekend only\n";
    let corpus = temp_file("train.tsv", rows.as_bytes());
    let o = run(bin().args(["train", "--epochs", "30"]).arg(&corpus));
    assert!(o.status.success(), "{}", stderr(&o));
    let model_text = stdout(&o);
    assert!(
        model_text.contains("from 2 scam and 2 legit rows"),
        "{model_text}"
    );
    assert!(model_text.lines().any(|l| l.starts_with("bias\t")));
    // The same rows give the same model.
    let again = run(bin().args(["train", "--epochs", "30"]).arg(&corpus));
    assert_eq!(stdout(&again), model_text);

    let model = temp_file("wording.tsv", model_text.as_bytes());
    let o = run(bin().arg("check").arg("--wording").arg(&model).arg("hello"));
    assert!(o.status.success(), "{}", stderr(&o));

    let bad = temp_file("bad.tsv", b"bias\t0\nrefund\t1.0\nab\tlots\n");
    let o = run(bin().arg("eval").arg("--wording").arg(&bad).arg(&corpus));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("bad.tsv:2:") && err.contains("1 to 3"),
        "{err}"
    );

    let unlabelled = temp_file("unlabelled.tsv", b"body\nhello\n");
    let o = run(bin().arg("train").arg(&unlabelled));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("unlabelled.tsv:1: no `label` column"),
        "{}",
        stderr(&o)
    );
}
