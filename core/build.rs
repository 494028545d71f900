//! Computes, at compile time, the literals every pattern of the packs in `rules/`
//! needs (the engine's gate), so building the default engine does not parse them
//! (see src/required.rs). Never fails the build: a pack or pattern it cannot read is
//! left out of the table, and the engine parses it, and reports it, as before.

#[path = "src/required.rs"]
#[allow(dead_code)]
mod required;

use std::path::Path;

fn main() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    println!("cargo::rerun-if-changed=src/required.rs");
    println!("cargo::rerun-if-changed={}", rules.display());
    let mut files: Vec<_> = std::fs::read_dir(&rules)
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    let mut table = Vec::new();
    for file in files {
        println!("cargo::rerun-if-changed={}", file.display());
        let Some(pack) = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| toml::from_str::<toml::Table>(&text).ok())
        else {
            continue;
        };
        let Some(rules) = pack.get("rule").and_then(|r| r.as_array()) else {
            continue;
        };
        for rule in rules {
            let id = rule.get("id").and_then(|v| v.as_str());
            let patterns = rule.get("patterns").and_then(|v| v.as_array());
            let (Some(id), Some(patterns)) = (id, patterns) else {
                continue;
            };
            let patterns: Vec<_> = patterns
                .iter()
                .filter_map(|p| p.as_str())
                .map(|p| {
                    // Keyed by the text as written: the engine then needs no rewrite
                    // of the patterns the table covers.
                    let reqs = required::requirements(&required::ascii_word_boundaries(p)).ok();
                    (p.to_owned(), reqs)
                })
                .collect();
            if id.len() < 256 && patterns.len() < 256 {
                required::encode_rule(&mut table, id, &patterns);
            }
        }
    }
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("requirements.bin");
    std::fs::write(&out, table).expect("OUT_DIR is writable");
}
