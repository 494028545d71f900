//! Loading rule packs: good packs extend or replace the defaults; bad packs are
//! rejected whole, with the file, line and rule id in the error.

use smishguard_core::{Engine, EngineBuilder, ErrorKind, Level, Message};

/// A one-rule pack (also used by the engine's unit tests).
const EXTRA: &str = include_str!("packs/extra.toml");

/// (name, pack text, expected line, expected rule id, what the message must mention)
type BadPack = (
    &'static str,
    &'static str,
    Option<usize>,
    Option<&'static str>,
    &'static str,
);

const BAD_PACKS: &[BadPack] = &[
    ("not toml", "[pack\nid = 1", Some(1), None, ""),
    ("incomplete rule", "[[rule]]\nid = \"a\"", Some(1), None, "missing field"),
    ("no pack table", "", Some(1), None, "missing field `pack`"),
    (
        "unknown category",
        "[pack]\nid = \"p\"\n[[rule]]\nid = \"r.one\"\ncategory = \"nope\"\nweight = 1\npatterns = ['a']\nexplain = { zh = \"a\", en = \"b\" }\nmatch = [\"a\"]\nno_match = [\"b\"]\n",
        Some(5),
        Some("r.one"),
        "unknown category",
    ),
    (
        "bad regex on its own line",
        "[pack]\nid = \"p\"\n[[rule]]\nid = \"r.two\"\ncategory = \"refund\"\nweight = 1\npatterns = [\n  'ok',\n  '(unclosed',\n]\nexplain = { zh = \"a\", en = \"b\" }\nmatch = [\"ok\"]\nno_match = [\"b\"]\n",
        Some(9),
        Some("r.two"),
        "pattern",
    ),
    (
        "upper-case pattern never matches lower-cased text",
        "[pack]\nid = \"p\"\n[[rule]]\nid = \"r.three\"\ncategory = \"refund\"\nweight = 1\npatterns = ['Refund']\nexplain = { zh = \"a\", en = \"b\" }\nmatch = [\"refund\"]\nno_match = [\"b\"]\n",
        Some(7),
        Some("r.three"),
        "upper-case",
    ),
    (
        "missing examples",
        "[pack]\nid = \"p\"\n[[rule]]\nid = \"r.four\"\ncategory = \"refund\"\nweight = 1\npatterns = ['a']\nexplain = { zh = \"a\", en = \"b\" }\n",
        Some(4),
        Some("r.four"),
        "example",
    ),
    (
        "unknown detector",
        "[pack]\nid = \"p\"\n[[rule]]\nid = \"r.five\"\ncategory = \"link\"\nweight = 1\ndetector = \"link.magic\"\nexplain = { zh = \"a\", en = \"b\" }\nmatch = [\"a\"]\nno_match = [\"b\"]\n",
        Some(7),
        Some("r.five"),
        "unknown detector",
    ),
    (
        "weight out of range",
        "[pack]\nid = \"p\"\n[[rule]]\nid = \"r.six\"\ncategory = \"refund\"\nweight = 500\npatterns = ['a']\nexplain = { zh = \"a\", en = \"b\" }\nmatch = [\"a\"]\nno_match = [\"b\"]\n",
        Some(6),
        Some("r.six"),
        "weight",
    ),
    (
        "pattern that parses but is too large to compile",
        "[pack]\nid = \"p\"\n[[rule]]\nid = \"r.eight\"\ncategory = \"refund\"\nweight = 1\npatterns = ['(.{0,1000}){0,1000}']\nexplain = { zh = \"a\", en = \"b\" }\nmatch = [\"a\"]\nno_match = [\"b\"]\n",
        Some(7),
        Some("r.eight"),
        "size limit",
    ),
    (
        "misspelt field",
        "[pack]\nid = \"p\"\n[[rule]]\nid = \"r.seven\"\ncategory = \"refund\"\nweight = 1\npattens = ['a']\n",
        Some(7),
        None,
        "pattens",
    ),
];

#[test]
fn bad_packs_are_rejected_with_file_line_and_rule() {
    for (name, text, line, rule, mention) in BAD_PACKS {
        let err = EngineBuilder::empty()
            .add_pack("bad.toml", text)
            .and_then(EngineBuilder::build)
            .expect_err(name);
        assert_eq!(err.file(), "bad.toml", "{name}");
        assert_eq!(err.line(), *line, "{name}: {err}");
        assert_eq!(err.rule_id(), *rule, "{name}: {err}");
        assert!(err.to_string().contains(mention), "{name}: {err}");
        assert!(err.to_string().starts_with("bad.toml"), "{name}: {err}");
    }
}

#[test]
fn duplicate_rule_ids_across_packs_are_rejected() {
    let copy = EXTRA.replace("test.extra", "test.other");
    let err = Engine::builder()
        .add_pack("a.toml", EXTRA)
        .and_then(|b| b.add_pack("b.toml", &copy))
        .and_then(EngineBuilder::build)
        .expect_err("two packs define test.gift_card_code");
    assert!(matches!(err.kind(), ErrorKind::Duplicate(_)), "{err}");
    assert_eq!(err.rule_id(), Some("test.gift_card_code"));
}

#[test]
fn an_extra_pack_extends_the_defaults_and_its_examples_hold() {
    let engine = Engine::builder()
        .add_pack("extra.toml", EXTRA)
        .and_then(EngineBuilder::build)
        .expect("valid pack");
    assert!(engine.rule_count() > Engine::builtin().rule_count());
    assert!(engine.check_examples().is_empty());
    let v = engine.analyze(&Message::new(
        "您好，我是京东客服，把礼品卡的卡密拍照发我就给您退款",
    ));
    assert_eq!(v.level, Level::Dangerous);
    assert!(v
        .reasons
        .iter()
        .any(|r| &*r.rule_id == "test.gift_card_code"));
    // The defaults are untouched: the built-in engine does not know the new rule.
    let builtin = Engine::builtin().analyze(&Message::new("把礼品卡的卡密拍照发我"));
    assert!(!builtin
        .reasons
        .iter()
        .any(|r| &*r.rule_id == "test.gift_card_code"));
}

#[test]
fn a_pack_with_the_same_id_replaces_the_old_one() {
    let v2 = EXTRA.replace("weight = 50", "weight = 10");
    let engine = Engine::builder()
        .add_pack("v1.toml", EXTRA)
        .and_then(|b| b.add_pack("v2.toml", &v2))
        .and_then(EngineBuilder::build)
        .expect("replacing by pack id is not a duplicate");
    let v = engine.analyze(&Message::new("把礼品卡的卡密拍照发我"));
    let reason = v
        .reasons
        .iter()
        .find(|r| &*r.rule_id == "test.gift_card_code")
        .expect("rule fires");
    assert_eq!(reason.weight, 10);
}

#[test]
fn the_default_packs_load_from_files_too() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules");
    let mut builder = EngineBuilder::empty();
    for name in ["brands", "detectors", "zh", "en", "combos"] {
        builder = builder
            .add_pack_file(std::path::Path::new(&format!("{dir}/{name}.toml")))
            .expect(name);
    }
    let engine = builder.build().expect("default packs");
    assert_eq!(engine.rule_count(), Engine::builtin().rule_count());
    let missing = EngineBuilder::empty()
        .add_pack_file(std::path::Path::new("/no/such/pack.toml"))
        .expect_err("missing file");
    assert!(
        missing.to_string().contains("/no/such/pack.toml"),
        "{missing}"
    );
}

#[test]
fn examples_that_misbehave_are_reported_with_file_line_and_rule() {
    let wrong = EXTRA.replace(
        r#"match = ["把礼品卡的卡密拍照发我"]"#,
        r#"match = ["今天天气很好"]"#,
    );
    let engine = Engine::builder()
        .add_pack("wrong.toml", &wrong)
        .and_then(EngineBuilder::build)
        .expect("syntax is fine");
    let failures = engine.check_examples();
    assert_eq!(failures.len(), 1, "{failures:?}");
    let f = &failures[0];
    assert_eq!(
        (
            f.file.as_str(),
            f.line,
            f.rule_id.as_ref(),
            f.expected_match
        ),
        ("wrong.toml", 5, "test.gift_card_code", true)
    );
    assert!(
        f.to_string()
            .starts_with("wrong.toml:5: rule `test.gift_card_code`"),
        "{f}"
    );
}
