//! The rule-pack file format (TOML), parsed and checked into plain definitions.
//! See `rules/README.md` for the author's view of the format.

use crate::error::{line_of, Error, ErrorKind};
use crate::verdict::{Category, Explanation, Level};
use serde::Deserialize;
use std::sync::Arc;
use toml::Spanned;

/// Built-in detectors a rule can name instead of giving patterns. The engine computes
/// these facts itself (links, sender, one-time codes); the pack supplies the weight,
/// category and wording, so every user-facing sentence lives in a pack.
pub(crate) const DETECTORS: &[&str] = &[
    "link.official",
    "link.unofficial",
    "link.ip_host",
    "link.userinfo",
    "link.deceptive_subdomain",
    "link.brand_lookalike",
    "link.punycode",
    "link.shortener",
    "link.apk_download",
    "link.risky_tld",
    "link.random_looking",
    "link.chat_invite",
    "link.obfuscated",
    "link.not_brand_site",
    "sender.brand_tag_from_personal_number",
    "sender.signature_from_personal_number",
    "sender.virtual_operator",
    "sender.official_for_brand",
    "sender.brand_name",
    "sender.official_warning",
    "otp.code",
    "otp.warns_not_to_share",
    "evasion.spaced_number",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    pack: PackMeta,
    #[serde(default)]
    rule: Vec<RuleFile>,
    #[serde(default)]
    combo: Vec<ComboFile>,
    #[serde(default)]
    brand: Vec<BrandFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackMeta {
    id: Spanned<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExplainFile {
    zh: String,
    en: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum ExampleFile {
    Text(String),
    WithSender { sender: String, text: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: Spanned<String>,
    category: Spanned<String>,
    weight: Spanned<i32>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    detector: Option<Spanned<String>>,
    #[serde(default)]
    unless_near: Vec<String>,
    #[serde(default)]
    fakeable: bool,
    explain: ExplainFile,
    #[serde(default, rename = "match")]
    positive: Vec<ExampleFile>,
    #[serde(default)]
    no_match: Vec<ExampleFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ComboFile {
    id: Spanned<String>,
    #[serde(default)]
    all: Vec<Spanned<String>>,
    #[serde(default)]
    any: Vec<Spanned<String>>,
    #[serde(default)]
    none: Vec<Spanned<String>>,
    #[serde(default)]
    weight: i32,
    #[serde(default)]
    level: Option<Spanned<String>>,
    explain: ExplainFile,
    #[serde(default, rename = "match")]
    positive: Vec<ExampleFile>,
    #[serde(default)]
    no_match: Vec<ExampleFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BrandFile {
    id: Spanned<String>,
    name: ExplainFile,
    aliases: Vec<String>,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    senders: Vec<String>,
}

/// A message used as a rule example.
#[derive(Debug, Clone)]
pub(crate) struct Example {
    pub sender: Option<String>,
    pub text: String,
}

/// Where a definition came from, for errors and example failures.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    pub file: String,
    pub line: usize,
}

/// What makes a rule fire.
#[derive(Debug, Clone)]
pub(crate) enum Trigger {
    /// Regular expressions over the normalised text, each with its line.
    Patterns(Vec<(String, usize)>),
    /// A built-in detector, by name (one of [`DETECTORS`]).
    Detector(String),
}

/// What rules and combinations share: an id, the user-facing text, the examples
/// that prove them and where they were defined.
#[derive(Debug, Clone)]
pub(crate) struct Documented {
    pub id: Arc<str>,
    pub explanation: Explanation,
    pub positive: Vec<Example>,
    pub negative: Vec<Example>,
    pub origin: Origin,
}

/// A checked rule.
#[derive(Debug, Clone)]
pub(crate) struct RuleDef {
    pub doc: Documented,
    pub category: Category,
    pub weight: i32,
    pub trigger: Trigger,
    pub unless_near: Vec<String>,
    /// A reassurance a scammer can fake (a letter sender id): it does not switch off a
    /// combination once the message asks for more than a call.
    pub fakeable: bool,
}

/// A checked combination.
#[derive(Debug, Clone)]
pub(crate) struct ComboDef {
    pub doc: Documented,
    pub all: Vec<Category>,
    pub any: Vec<Category>,
    pub none: Vec<Category>,
    pub weight: i32,
    pub level: Option<Level>,
}

/// A checked brand.
#[derive(Debug, Clone)]
pub(crate) struct BrandDef {
    pub brand: crate::brands::Brand,
    pub origin: Origin,
}

/// A parsed, checked pack (patterns are compiled later, with the whole engine).
#[derive(Debug, Clone)]
pub(crate) struct Pack {
    pub id: String,
    /// Whether every pattern is known to compile: the embedded packs (the crate's
    /// tests compile them in full) and packs an engine was already built from
    /// ([`crate::Engine::rebuilt`]). Other packs are compiled when loaded.
    pub known_to_compile: bool,
    pub rules: Vec<RuleDef>,
    pub combos: Vec<ComboDef>,
    pub brands: Vec<BrandDef>,
}

fn examples(list: Vec<ExampleFile>) -> Vec<Example> {
    list.into_iter()
        .map(|e| match e {
            ExampleFile::Text(text) => Example { sender: None, text },
            ExampleFile::WithSender { sender, text } => Example {
                sender: Some(sender),
                text,
            },
        })
        .collect()
}

/// Parses and checks one pack. `file` names it in errors.
pub(crate) fn parse(file: &str, text: &str) -> Result<Pack, Error> {
    let parsed: PackFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        Error::new(
            file,
            line,
            None,
            ErrorKind::Syntax(e.message().trim().to_owned()),
        )
    })?;
    // Line numbers for errors and example reports: one pass over the text, then a
    // binary search per lookup (counting newlines per rule made parsing quadratic).
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let at = |offset: usize| line_starts.partition_point(|&start| start <= offset);
    let origin = |offset: usize| Origin {
        file: file.to_owned(),
        line: at(offset),
    };
    let invalid = |offset: usize, id: &str, msg: String| {
        Error::new(file, Some(at(offset)), Some(id), ErrorKind::Invalid(msg))
    };

    let checked_id = |spanned: &Spanned<String>| -> Result<(String, usize), Error> {
        let id = spanned.get_ref().trim().to_owned();
        let at = spanned.span().start;
        check_id(&id).map_err(|m| invalid(at, &id, m))?;
        Ok((id, at))
    };

    let pack_id = parsed.pack.id.get_ref().trim().to_owned();
    if pack_id.is_empty() {
        return Err(Error::new(
            file,
            Some(at(parsed.pack.id.span().start)),
            None,
            ErrorKind::Invalid("pack id is empty".into()),
        ));
    }
    let _ = (&parsed.pack.version, &parsed.pack.description);

    let mut rules = Vec::with_capacity(parsed.rule.len());
    for r in parsed.rule {
        let (id, id_at) = checked_id(&r.id)?;
        let category = Category::parse(r.category.get_ref())
            .filter(|c| *c != Category::Combination)
            .ok_or_else(|| {
                invalid(
                    r.category.span().start,
                    &id,
                    format!(
                        "unknown category `{}` (one of: {})",
                        r.category.get_ref(),
                        category_names()
                    ),
                )
            })?;
        let weight = *r.weight.get_ref();
        if !(-100..=100).contains(&weight) {
            return Err(invalid(
                r.weight.span().start,
                &id,
                format!("weight {weight} is outside -100..=100"),
            ));
        }
        let trigger = match (r.patterns.is_empty(), r.detector) {
            (false, None) => {
                let mut patterns = Vec::with_capacity(r.patterns.len());
                for p in r.patterns {
                    let line = at(p.span().start);
                    check_pattern(p.get_ref()).map_err(|m| {
                        Error::new(file, Some(line), Some(&id), ErrorKind::Pattern(m))
                    })?;
                    patterns.push((p.into_inner(), line));
                }
                Trigger::Patterns(patterns)
            }
            (true, Some(d)) => {
                if !DETECTORS.contains(&d.get_ref().as_str()) {
                    return Err(invalid(
                        d.span().start,
                        &id,
                        format!(
                            "unknown detector `{}` (one of: {})",
                            d.get_ref(),
                            DETECTORS.join(", ")
                        ),
                    ));
                }
                Trigger::Detector(d.into_inner())
            }
            (false, Some(_)) => {
                return Err(invalid(
                    id_at,
                    &id,
                    "give either `patterns` or `detector`, not both".into(),
                ))
            }
            (true, None) => {
                return Err(invalid(
                    id_at,
                    &id,
                    "needs `patterns` or a `detector`".into(),
                ))
            }
        };
        let (explanation, positive, negative) =
            documented(r.explain, r.positive, r.no_match).map_err(|m| invalid(id_at, &id, m))?;
        if r.unless_near
            .iter()
            .any(|c| c.is_empty() || c.chars().any(|ch| ch.is_ascii_uppercase()))
        {
            return Err(invalid(
                id_at,
                &id,
                "`unless_near` entries must be non-empty and lower-case".into(),
            ));
        }
        rules.push(RuleDef {
            doc: Documented {
                id: id.into(),
                explanation,
                positive,
                negative,
                origin: origin(id_at),
            },
            category,
            weight,
            trigger,
            unless_near: r.unless_near,
            fakeable: r.fakeable,
        });
    }

    let mut combos = Vec::with_capacity(parsed.combo.len());
    for c in parsed.combo {
        let (id, id_at) = checked_id(&c.id)?;
        let cats = |list: Vec<Spanned<String>>| -> Result<Vec<Category>, Error> {
            list.into_iter()
                .map(|s| {
                    Category::parse(s.get_ref()).ok_or_else(|| {
                        invalid(
                            s.span().start,
                            &id,
                            format!(
                                "unknown category `{}` (one of: {})",
                                s.get_ref(),
                                category_names()
                            ),
                        )
                    })
                })
                .collect()
        };
        let (all, any, none) = (cats(c.all)?, cats(c.any)?, cats(c.none)?);
        if all.is_empty() && any.is_empty() {
            return Err(invalid(
                id_at,
                &id,
                "a combination needs `all` or `any` categories".into(),
            ));
        }
        let level = match c.level {
            None => None,
            Some(l) => Some(Level::parse(l.get_ref()).ok_or_else(|| {
                invalid(
                    l.span().start,
                    &id,
                    format!(
                        "unknown level `{}` (safe, suspicious or dangerous)",
                        l.get_ref()
                    ),
                )
            })?),
        };
        if !(-100..=100).contains(&c.weight) {
            return Err(invalid(
                id_at,
                &id,
                format!("weight {} is outside -100..=100", c.weight),
            ));
        }
        let (explanation, positive, negative) =
            documented(c.explain, c.positive, c.no_match).map_err(|m| invalid(id_at, &id, m))?;
        combos.push(ComboDef {
            doc: Documented {
                id: id.into(),
                explanation,
                positive,
                negative,
                origin: origin(id_at),
            },
            all,
            any,
            none,
            weight: c.weight,
            level,
        });
    }

    let mut brands = Vec::with_capacity(parsed.brand.len());
    for b in parsed.brand {
        let (id, id_at) = checked_id(&b.id)?;
        if b.aliases.is_empty()
            || b.aliases
                .iter()
                .any(|a| a.is_empty() || a.chars().any(|c| c.is_uppercase()))
        {
            return Err(invalid(
                id_at,
                &id,
                "a brand needs `aliases`, all non-empty and lower-case".into(),
            ));
        }
        if b.domains
            .iter()
            .any(|d| !d.contains('.') || d.chars().any(|c| c.is_uppercase() || c.is_whitespace()))
        {
            return Err(invalid(
                id_at,
                &id,
                "`domains` must be lower-case registrable domains like `jd.com`".into(),
            ));
        }
        let name = explanation(b.name).map_err(|m| invalid(id_at, &id, m))?;
        brands.push(BrandDef {
            brand: crate::brands::Brand {
                id,
                name,
                aliases: b.aliases,
                domains: b.domains,
                senders: b.senders,
            },
            origin: origin(id_at),
        });
    }

    Ok(Pack {
        known_to_compile: false,
        id: pack_id,
        rules,
        combos,
        brands,
    })
}

/// A rule's or combination's user-facing text and its examples: both are required.
fn documented(
    explain: ExplainFile,
    positive: Vec<ExampleFile>,
    negative: Vec<ExampleFile>,
) -> Result<(Explanation, Vec<Example>, Vec<Example>), String> {
    let explanation = explanation(explain)?;
    if positive.is_empty() || negative.is_empty() {
        return Err("needs at least one `match` and one `no_match` example".into());
    }
    Ok((explanation, examples(positive), examples(negative)))
}

fn category_names() -> String {
    Category::ALL
        .iter()
        .filter(|c| **c != Category::Combination)
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
    {
        return Err(format!(
            "id `{id}` must be non-empty lower-case ASCII letters, digits, `.`, `_` or `-`"
        ));
    }
    Ok(())
}

fn explanation(e: ExplainFile) -> Result<Explanation, String> {
    if e.zh.trim().is_empty() || e.en.trim().is_empty() {
        return Err("`explain` needs non-empty `zh` and `en`".into());
    }
    Ok(Explanation {
        zh: e.zh.into(),
        en: e.en.into(),
    })
}

/// Rejects patterns that cannot work on normalised text, before regex sees them.
fn check_pattern(p: &str) -> Result<(), String> {
    if p.is_empty() {
        return Err("empty pattern matches everything".into());
    }
    // Text is lower-cased, so an upper-case letter outside an escape (\D, \S, \B, \W) never matches.
    let mut escaped = false;
    for c in p.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        if c == '\\' {
            escaped = true;
        } else if c.is_uppercase() {
            return Err(format!("`{p}` contains the upper-case letter `{c}`, but text is lower-cased before matching"));
        }
    }
    // Syntax is checked when the engine compiles all patterns together.
    Ok(())
}
