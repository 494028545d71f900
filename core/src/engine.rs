//! The engine: compiled rule packs and the analysis of one message.

use crate::brands::BrandTable;
use crate::error::{Error, ErrorKind};
use crate::links;
use crate::normalize::{normalize, Normalized};
use crate::otp;
use crate::pack::{self, ComboDef, Pack, RuleDef, Trigger};
use crate::patterns::{Candidates, Gated, KeyMap, Patterns, WordLists};
use crate::required::{self, ascii_word_boundaries};
use crate::search::PatternSearch;
use crate::sender;
use crate::verdict::{
    Category, Explanation, Level, Link, LinkFinding, Otp, Reason, SenderKind, Span, Verdict,
};
use crate::wording::WordingModel;
use once_cell::sync::{Lazy, OnceCell};
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// Score at which a message becomes suspicious.
pub const SUSPICIOUS_SCORE: u32 = 35;
/// Score at which a message becomes dangerous.
pub const DANGEROUS_SCORE: u32 = 65;
/// Bytes of a body the engine examines; the rest is ignored and the verdict says `truncated`.
/// A long concatenated SMS is about 2 KB; this bounds the work on hostile input.
pub const MAX_ANALYSED_BYTES: usize = 16 * 1024;
/// How far before a match (bytes of normalised text) `unless_near` cues are looked for.
const NEGATION_WINDOW: usize = 30;

/// The default packs, compiled into the library so it works with zero configuration.
const EMBEDDED: &[(&str, &str)] = &[
    ("rules/brands.toml", include_str!("../../rules/brands.toml")),
    (
        "rules/detectors.toml",
        include_str!("../../rules/detectors.toml"),
    ),
    ("rules/zh.toml", include_str!("../../rules/zh.toml")),
    ("rules/en.toml", include_str!("../../rules/en.toml")),
    ("rules/combos.toml", include_str!("../../rules/combos.toml")),
];

/// The default wording model (see [`WordingModel`]), trained by `smishguard train`.
const EMBEDDED_WORDING: (&str, &str) =
    ("rules/wording.tsv", include_str!("../../rules/wording.tsv"));

/// The wording model may lift a safe message to suspicious only when its rules
/// already score at least this much: it weighs evidence, it does not find it.
const WORDING_MIN_SCORE: u32 = 15;
/// What the model's judgement counts, in score points per unit of log-odds: a rule
/// score of 15 needs the model ~95% sure (log-odds 3.3) to reach the suspicious
/// line, 25 needs ~84%. Chosen on holdout-255…261 and the visible half of the
/// public corpora (docs/accuracy.md): real chats that rules found a little suspect
/// are where the model errs.
const WORDING_POINTS_PER_LOG_ODDS: f32 = 6.0;
/// ... and only when the message has this much text (a Chinese character counts
/// two, other visible characters one): "I want to speak with you urgently" is too
/// short to tell a scam's wording from a friend's.
const WORDING_MIN_LENGTH: usize = 40;

/// One incoming SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message<'a> {
    /// The sender's number or id, if known.
    pub sender: Option<&'a str>,
    /// The message text as received.
    pub body: &'a str,
    /// When it arrived (milliseconds since the Unix epoch), if known. Unused by the
    /// stateless engine; kept so a stateful layer can relate messages in time.
    pub received_at_millis: Option<i64>,
}

impl<'a> Message<'a> {
    /// A message with only a body.
    pub fn new(body: &'a str) -> Message<'a> {
        Message {
            sender: None,
            body,
            received_at_millis: None,
        }
    }

    /// The same message with a sender.
    pub fn with_sender(self, sender: &'a str) -> Message<'a> {
        Message {
            sender: Some(sender),
            ..self
        }
    }
}

/// A rule whose example did not behave as the pack says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// Pack file.
    pub file: String,
    /// Line of the rule's id.
    pub line: usize,
    /// The rule or combination id.
    pub rule_id: String,
    /// The example text.
    pub example: String,
    /// True if the rule should have fired and did not; false if it fired on a `no_match` example.
    pub expected_match: bool,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.expected_match {
            "did not fire on its `match` example"
        } else {
            "fired on its `no_match` example"
        };
        write!(
            f,
            "{}:{}: rule `{}`: {what}: {:?}",
            self.file, self.line, self.rule_id, self.example
        )
    }
}

/// Something in a pack that is valid but cannot do what its author meant, found by
/// [`EngineBuilder::lint`]. Unlike an [`Error`] it does not stop a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackWarning {
    /// Pack file.
    pub file: String,
    /// Line of the pattern (of the rule's id, for an `unless_near` cue).
    pub line: usize,
    /// The rule id.
    pub rule_id: String,
    /// What is wrong, for the pack's author.
    pub message: String,
}

impl std::fmt::Display for PackWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: rule `{}`: {}",
            self.file, self.line, self.rule_id, self.message
        )
    }
}

/// The traditional characters of `text` that folding replaces, with their
/// simplified forms, each once: `Some("換 → 换, 碼 → 码")`, or `None`.
fn unfolded_characters(text: &str) -> Option<String> {
    let mut seen: Vec<char> = Vec::new();
    let pairs: Vec<String> = text
        .chars()
        .filter(|&c| crate::hant::to_simplified(c) != c)
        .filter(|c| {
            let new = !seen.contains(c);
            seen.push(*c);
            new
        })
        .map(|c| format!("{c} → {}", crate::hant::to_simplified(c)))
        .collect();
    (!pairs.is_empty()).then(|| pairs.join(", "))
}

/// Builds an [`Engine`] from rule packs. Packs are checked as a whole: any error
/// rejects the build and nothing already built is affected.
#[derive(Debug, Clone)]
pub struct EngineBuilder {
    packs: Vec<Pack>,
    wording: Option<Wording>,
}

impl EngineBuilder {
    /// A builder with no packs at all.
    /// A builder with no packs at all and no wording model.
    pub fn empty() -> EngineBuilder {
        EngineBuilder {
            packs: Vec::new(),
            wording: None,
        }
    }

    /// A builder holding the embedded default packs and wording model.
    pub fn with_defaults() -> EngineBuilder {
        EngineBuilder {
            packs: DEFAULT_PACKS.clone(),
            wording: Some(Wording::Embedded),
        }
    }

    /// Uses `model` as the wording model (see [`WordingModel`]) instead of the
    /// embedded one.
    pub fn wording_model(mut self, model: WordingModel) -> EngineBuilder {
        self.wording = Some(Wording::Given(Arc::new(model)));
        self
    }

    /// Leaves the wording model out: verdicts then come from the rules alone.
    pub fn without_wording_model(mut self) -> EngineBuilder {
        self.wording = None;
        self
    }

    /// Adds a pack given as TOML text; `name` (usually its path) is used in errors.
    /// A pack with the same `[pack] id` as one already added replaces it.
    pub fn add_pack(mut self, name: &str, toml_text: &str) -> Result<EngineBuilder, Error> {
        let pack = pack::parse(name, toml_text)?;
        match self.packs.iter_mut().find(|p| p.id == pack.id) {
            Some(existing) => *existing = pack,
            None => self.packs.push(pack),
        }
        Ok(self)
    }

    /// Adds a pack from a file; errors name the path.
    pub fn add_pack_file(self, path: &std::path::Path) -> Result<EngineBuilder, Error> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::new(
                &name,
                None,
                None,
                ErrorKind::Syntax(format!("cannot read pack: {e}")),
            )
        })?;
        self.add_pack(&name, &text)
    }

    /// Warnings about the packs added so far: pattern or `unless_near` characters that
    /// can never match, because messages are folded to simplified Chinese before
    /// matching (a `換` in a pattern is dead; `换` matches both spellings).
    /// `smishguard rules check` prints these.
    pub fn lint(&self) -> Vec<PackWarning> {
        let mut warnings = Vec::new();
        for rule in self.packs.iter().flat_map(|p| &p.rules) {
            let origin = &rule.doc.origin;
            let mut warn = |line: usize, what: &str, chars: String| {
                warnings.push(PackWarning {
                    file: origin.file.clone(),
                    line,
                    rule_id: rule.doc.id.to_string(),
                    message: format!(
                        "{what} holds traditional characters that can never match, \
                         since text is folded to simplified Chinese first: {chars}"
                    ),
                });
            };
            if let Trigger::Patterns(patterns) = &rule.trigger {
                for (pattern, line) in patterns {
                    if let Some(chars) = unfolded_characters(pattern) {
                        warn(*line, "pattern", chars);
                    }
                }
            }
            for cue in &rule.unless_near {
                if let Some(chars) = unfolded_characters(cue) {
                    warn(origin.line, &format!("`unless_near` cue {cue:?}"), chars);
                }
            }
        }
        warnings
    }

    /// Compiles the packs into an engine.
    pub fn build(self) -> Result<Engine, Error> {
        Engine::compile(self.packs, self.wording)
    }
}

static DEFAULT_PACKS: Lazy<Vec<Pack>> = Lazy::new(|| {
    EMBEDDED
        .iter()
        .map(|(name, text)| {
            let pack = pack::parse(name, text)
                .unwrap_or_else(|e| panic!("embedded rule pack is invalid: {e}"));
            pack::Pack {
                known_to_compile: true,
                ..pack
            }
        })
        .collect()
});

static DEFAULT_WORDING: Lazy<WordingModel> = Lazy::new(|| {
    let (name, text) = EMBEDDED_WORDING;
    WordingModel::parse(name, text)
        .unwrap_or_else(|e| panic!("embedded wording model is invalid: {e}"))
});

/// The wording model of an engine. The embedded one is read the first time a
/// message needs it, as patterns are compiled: reading it is ~7 M instructions,
/// a tenth of building the default engine.
#[derive(Debug, Clone)]
enum Wording {
    Embedded,
    Given(Arc<WordingModel>),
}

impl Wording {
    fn model(&self) -> &WordingModel {
        match self {
            Wording::Embedded => &DEFAULT_WORDING,
            Wording::Given(model) => model,
        }
    }
}

/// The reason a verdict gives when the wording model lifted it (weight filled in).
static WORDING_REASON: Lazy<Reason> = Lazy::new(|| Reason {
    rule_id: "wording.reads_like_scam".into(),
    category: Category::Combination,
    weight: 0,
    explanation: Explanation {
        zh: "这条短信的措辞与诈骗短信高度相似，加上上面的可疑之处，请勿按短信要求操作".into(),
        en: "Worded like scam messages, on top of the warning signs above: do not do what it asks"
            .into(),
    },
    evidence: None,
});

/// How much text a message has for the wording model: a Chinese character
/// (or any character from U+2E80 on) counts two, other visible characters one.
fn visible_length(text: &str) -> usize {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c >= '\u{2e80}' { 2 } else { 1 })
        .sum()
}

static BUILTIN: Lazy<Engine> = Lazy::new(|| {
    Engine::compile(DEFAULT_PACKS.clone(), Some(Wording::Embedded))
        .unwrap_or_else(|e| panic!("embedded rule packs do not compile: {e}"))
});

#[derive(Debug)]
struct Rule {
    def: RuleDef,
    /// Its patterns, each compiled the first time the gate names it; a search
    /// confirms the match and finds the evidence.
    searches: Vec<PatternSearch>,
    /// Whether its explanation has `{host}` / `{brand}` to fill (else it is shared as is).
    templated: bool,
    /// For an explanation with `{brand}` but no `{host}`: filled the first time it
    /// is given for a brand (index 0: none), then shared. Half the filled
    /// explanations only name the brand, and filling one cost ~700 instructions.
    by_brand: Vec<OnceCell<Explanation>>,
}

/// Compiled rule packs. Immutable, `Send + Sync`: share one across threads and
/// replace it as a whole to change rules.
#[derive(Debug)]
pub struct Engine {
    packs: Vec<Pack>,
    rules: Vec<Rule>,
    combos: Vec<ComboDef>,
    brands: BrandTable,
    /// Every pattern of every rule, behind one literal gate that names the candidates.
    set: Patterns,
    /// Set index → (rule index, pattern index within the rule).
    set_owner: Vec<(usize, usize)>,
    /// Detector name → rules that use it.
    detectors: Detectors,
    /// Each rule's `unless_near` cues, by rule index.
    cues: WordLists,
    /// Weighs the wording of messages the rules find a little suspect.
    wording: Option<Wording>,
}

/// Detector name → rules that use it.
type Detectors = KeyMap<&'static str, Vec<usize>>;

struct Fired {
    /// Rule index, or `usize::MAX - combo index` for combinations.
    rule: usize,
    evidence: Option<Range<usize>>,
    /// Index of the link the rule is about (for `{host}`).
    link: Option<usize>,
    brand: Option<usize>,
}

impl Engine {
    /// The engine built from the embedded default packs (built once, on first use).
    ///
    /// # Panics
    /// Only if the embedded packs are invalid, which the crate's tests rule out.
    pub fn builtin() -> &'static Engine {
        &BUILTIN
    }

    /// A builder that starts from the embedded default packs.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::with_defaults()
    }

    /// Number of rules (not counting combinations).
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Compiles every rule pattern now, instead of when a message first needs it.
    ///
    /// A built engine compiles a pattern the first time the literal gate names it,
    /// which keeps building cheap (a few ms) but makes the first message that needs
    /// a rare pattern pay for it (up to ~1 ms). Call this once on a background thread
    /// after building (the engine is `Sync`: analysing meanwhile is fine) for
    /// flatter latency from then on (p99 over new messages 266 → 199 µs on the desktop:
    /// what remains is the automata's states, built as new text arrives). Idempotent; each pattern is compiled once whichever
    /// call gets there first. Takes ~0.1–0.2 s for the default packs. Also reads the
    /// embedded wording model, which is otherwise read on first need (~2 ms).
    pub fn precompile(&self) {
        if let Some(wording) = &self.wording {
            wording.model();
        }
        for (si, &(ri, pi)) in self.set_owner.iter().enumerate() {
            // Packs are compiled (and rejected if they fail) when loaded, and the
            // embedded ones by tests, so an error here is not possible in practice.
            let _ = self.rules[ri].searches[pi].compile(self.set.has_starts(si));
        }
    }

    /// A new engine with the same rules that has compiled and learnt nothing yet.
    ///
    /// Each rule pattern's lazy automaton keeps the states it builds, so an engine's
    /// memory grows with the variety of text it has analysed (with the embedded packs,
    /// the peak RSS of a desktop process that starts at 8 MB grows by ~13 MB over the
    /// first 100 distinct messages, ~38 MB by 1,000, ~76 MB by 5,000, ~200 MB by
    /// 80,000; docs/performance.md). Replacing an engine
    /// with its rebuilt copy gives that memory back once the old one is dropped, for
    /// example after scanning a whole inbox, or when the system asks for memory. It
    /// costs a cold build (~5 ms, packs loaded at run time are not checked again) and,
    /// later, compiling each pattern again on first use.
    pub fn rebuilt(&self) -> Engine {
        // Their patterns compiled when `self` was built: the copy compiles them as
        // needed, like the defaults, instead of all of them again now.
        let packs = self
            .packs
            .iter()
            .map(|p| Pack {
                known_to_compile: true,
                ..p.clone()
            })
            .collect();
        Engine::compile(packs, self.wording.clone())
            // The same packs built into `self`, and building is deterministic.
            .unwrap_or_else(|e| unreachable!("packs that built once fail to rebuild: {e}"))
    }

    /// Ids of the packs in this engine, in load order.
    pub fn pack_ids(&self) -> Vec<&str> {
        self.packs.iter().map(|p| p.id.as_str()).collect()
    }

    fn compile(packs: Vec<Pack>, wording: Option<Wording>) -> Result<Engine, Error> {
        let mut seen: HashMap<String, (String, usize)> = HashMap::new();
        let mut claim = |id: &str, file: &str, line: usize| -> Result<(), Error> {
            if let Some((f, l)) = seen.insert(id.to_owned(), (file.to_owned(), line)) {
                return Err(Error::new(
                    file,
                    Some(line),
                    Some(id),
                    ErrorKind::Duplicate(format!("also defined at {f}:{l}")),
                ));
            }
            Ok(())
        };
        let mut rules = Vec::new();
        let mut untested = Vec::new();
        let mut combos = Vec::new();
        let mut brand_list = Vec::new();
        for p in &packs {
            for r in &p.rules {
                claim(&r.doc.id, &r.doc.origin.file, r.doc.origin.line)?;
                rules.push(r.clone());
                untested.push(!p.known_to_compile);
            }
            for c in &p.combos {
                claim(&c.doc.id, &c.doc.origin.file, c.doc.origin.line)?;
                combos.push(c.clone());
            }
            for b in &p.brands {
                claim(
                    &format!("brand:{}", b.brand.id),
                    &b.origin.file,
                    b.origin.line,
                )?;
                brand_list.push(b.brand.clone());
            }
        }

        let brands = BrandTable::new(brand_list)
            .map_err(|e| Error::new("brands", None, None, ErrorKind::Pattern(e)))?;

        let mut patterns = Vec::new();
        let mut set_owner = Vec::new();
        let mut detectors = Detectors::default();
        let mut precomputed = if untested.iter().all(|u| *u) {
            HashMap::new()
        } else {
            embedded_requirements()
        };
        for (ri, r) in rules.iter().enumerate() {
            match &r.trigger {
                Trigger::Patterns(ps) => {
                    // Only for rules of embedded packs, and only for the very text
                    // `build.rs` saw (the hash); anything else is parsed.
                    let mut table = (!untested[ri])
                        .then(|| precomputed.remove(&*r.doc.id))
                        .flatten()
                        .filter(|t| t.len() == ps.len());
                    for (pi, (p, _)) in ps.iter().enumerate() {
                        let reqs = table.as_mut().and_then(|t| {
                            let (hash, reqs) = &mut t[pi];
                            (*hash == required::pattern_hash(p))
                                .then(|| reqs.take())
                                .flatten()
                        });
                        patterns.push(match reqs {
                            Some(reqs) => Gated::Known(reqs),
                            None => Gated::Text(ascii_word_boundaries(p)),
                        });
                        set_owner.push((ri, pi));
                    }
                }
                Trigger::Detector(d) => {
                    let name = pack::DETECTORS
                        .iter()
                        .find(|n| **n == d)
                        .copied()
                        .unwrap_or("");
                    detectors.entry(name).or_default().push(ri);
                }
            }
        }
        let set = Patterns::new(patterns).map_err(|(i, message)| {
            let (ri, pi) = set_owner[i];
            let r = &rules[ri];
            let line = match &r.trigger {
                Trigger::Patterns(ps) => ps[pi].1,
                Trigger::Detector(_) => r.doc.origin.line,
            };
            Error::new(
                &r.doc.origin.file,
                Some(line),
                Some(&r.doc.id),
                ErrorKind::Pattern(message),
            )
        })?;

        let rules: Vec<Rule> = rules
            .into_iter()
            .map(|def| {
                let searches = match &def.trigger {
                    Trigger::Patterns(ps) => ps
                        .iter()
                        .map(|(p, _)| PatternSearch::new(p.clone()))
                        .collect(),
                    Trigger::Detector(_) => Vec::new(),
                };
                let e = &def.doc.explanation;
                let templated = e.zh.contains('{') || e.en.contains('{');
                let per_brand = templated && !e.zh.contains("{host}") && !e.en.contains("{host}");
                let by_brand = if per_brand {
                    brands.brands.len() + 1
                } else {
                    0
                };
                Rule {
                    def,
                    searches,
                    templated,
                    by_brand: (0..by_brand).map(|_| OnceCell::new()).collect(),
                }
            })
            .collect();
        // The gate only parsed the patterns. A pack loaded at run time is compiled now,
        // as its searches will run it (anchored, or anywhere), so a pattern too large
        // for the regex engine rejects the pack instead of silently never matching;
        // the embedded ones are compiled by tests.
        for (si, &(ri, pi)) in set_owner.iter().enumerate() {
            let rule = &rules[ri];
            let Trigger::Patterns(ps) = &rule.def.trigger else {
                continue;
            };
            if !untested[ri] {
                continue;
            }
            rule.searches[pi].compile(set.has_starts(si)).map_err(|e| {
                Error::new(
                    &rule.def.doc.origin.file,
                    Some(ps[pi].1),
                    Some(&rule.def.doc.id),
                    ErrorKind::Pattern(e),
                )
            })?;
        }
        let cues = WordLists::new(rules.iter().map(|r| r.def.unless_near.as_slice()));
        Ok(Engine {
            packs,
            rules,
            combos,
            brands,
            set,
            set_owner,
            detectors,
            cues,
            wording,
        })
    }

    /// Analyses one message. Never fails: any input, of any length, gets a verdict.
    pub fn analyze(&self, message: &Message<'_>) -> Verdict {
        let body = message.body;
        let truncated = body.len() > MAX_ANALYSED_BYTES;
        let norm = normalize(body, MAX_ANALYSED_BYTES);
        let text = norm.text.as_str();

        let mentioned = self.brands.mentioned(text);
        let mentioned_ids: Vec<usize> = mentioned.iter().map(|(b, _)| *b).collect();
        let mut found_links = links::find_links(text, &self.brands, &mentioned_ids);
        for fl in &mut found_links {
            if body[norm.original(fl.range.clone())].contains(' ') {
                links::mark_obfuscated(fl);
            }
        }
        let (sender_kind, digits) = sender::classify(message.sender);
        let found_otp = otp::find(text);

        // Room for what most messages fire, so pushing does not regrow it.
        let mut fired: Vec<Fired> = Vec::with_capacity(16);
        let scanned = without_links(text, &found_links);
        let candidates = self.fire_patterns(&scanned, &mut fired);
        // Asked for by up to three of the tests below; a regex over the whole text.
        let chat_id = once_cell::unsync::OnceCell::new();
        let gives_chat_id = || *chat_id.get_or_init(|| has_chat_id(text));
        // A letter sender id names the sender's own site: "AirAsia" linking to airasia.com.
        // Spoofing that id gains a scammer nothing when the link goes to that very site.
        let sender_site: Option<String> = (sender_kind == SenderKind::Alphanumeric
            && !found_links.is_empty())
        .then(|| message.sender.unwrap_or_default())
        .map(|s| {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .map(|s| s.to_ascii_lowercase());
        for (li, fl) in found_links.iter().enumerate() {
            // "Unofficial" only adds noise next to a more specific finding.
            let specific = fl
                .link
                .findings
                .iter()
                .any(|f| *f != LinkFinding::Unofficial && *f != LinkFinding::Official);
            let senders_own_site = sender_site.as_deref() == Some(links::site_name(&fl.link.host))
                && links::has_company_suffix(&fl.link.host);
            for finding in &fl.link.findings {
                if (specific || senders_own_site) && *finding == LinkFinding::Unofficial {
                    continue;
                }
                let brand = fl
                    .link
                    .imitates
                    .as_deref()
                    .or(fl.link.official_for.as_deref())
                    .and_then(|id| self.brand_index(id));
                let name = link_detector(*finding);
                self.fire_detector(name, Some(fl.range.clone()), Some(li), brand, &mut fired);
            }
        }
        // A message that names a brand but links elsewhere: the most common shape of smishing.
        if let (Some((brand, _)), Some(li)) = (
            mentioned.first(),
            found_links
                .iter()
                .position(|fl| fl.link.official_for.is_none()),
        ) {
            self.fire_detector(
                "link.not_brand_site",
                Some(found_links[li].range.clone()),
                Some(li),
                Some(*brand),
                &mut fired,
            );
        }
        // A brand tag (【淘宝】) is judged against the sender: a personal number cannot
        // be the brand, one of the brand's own short codes vouches for it.
        if let Some((brand, range)) = brand_tag(text, &mentioned) {
            // Where companies do send from ordinary mobiles (Taiwan), a tag from one is
            // spoofing only when the link is not the brand's, or when a brand from
            // elsewhere has numbers of its own to send from (淘宝 sends from 95188, never
            // a mobile). A Taiwanese brand (only `.tw` domains) may use local mobiles too.
            let unofficial_link = || found_links.iter().any(|fl| fl.link.official_for.is_none());
            let has_own_numbers = || {
                let b = &self.brands.brands[brand];
                b.senders
                    .iter()
                    .any(|s| s.bytes().all(|b| b.is_ascii_digit()))
                    && (b.domains.is_empty() || !b.domains.iter().all(|d| d.ends_with(".tw")))
            };
            let detector = if sender::is_personal_for_brands(sender_kind, &digits)
                || (sender_kind == SenderKind::Mobile
                    && (unofficial_link()
                        || (sender::is_taiwan_mobile(&digits) && has_own_numbers())))
            {
                Some("sender.brand_tag_from_personal_number")
            } else if matches!(sender_kind, SenderKind::ShortCode | SenderKind::Enterprise)
                && self.brands.is_official_sender(brand, &digits)
                // A brand does not send you to a private chat id, nor tell you to hand
                // over a code, card data, money or your screen, nor give a number to
                // ring to stop a charge (the renewal script); a spoofed sender does.
                && !gives_chat_id()
                && !self.tells_reader_to_hand_over(&fired, text)
                && !(fired
                    .iter()
                    .any(|f| self.rules[f.rule].def.category == Category::Cancellation)
                    && has_phone_number(text))
            {
                Some("sender.official_for_brand")
            } else {
                None
            };
            if let Some(detector) = detector {
                self.fire_detector(detector, Some(range), None, Some(brand), &mut fired);
            }
        } else if matches!(sender_kind, SenderKind::Mobile | SenderKind::VirtualMobile)
            && sender::is_personal_for_brands(sender_kind, &digits)
        {
            // In mainland China a 【signature】 is what enterprise gateways (106…) put
            // on a message; a school, a property office or a shop that is not in the
            // brand list does not sign from a personal mobile either.
            if let Some(range) = signature(text) {
                self.fire_detector(
                    "sender.signature_from_personal_number",
                    Some(range),
                    None,
                    None,
                    &mut fired,
                );
            }
        }
        // Outside China brands send under their name ("DBS" sending "DBS: …"). Such ids
        // can be spoofed in some countries, so this only offsets weak signals and never
        // switches off a combination (see the scoring below); like every reassurance it
        // is dropped next to a disguised link.
        if sender_kind == SenderKind::Alphanumeric {
            let named = message
                .sender
                .and_then(|s| self.brands.owner_of_sender_id(s))
                .and_then(|b| mentioned.iter().find(|(m, _)| *m == b));
            if let Some((brand, range)) = named {
                let (brand, range) = (*brand, range.clone());
                self.fire_detector(
                    "sender.brand_name",
                    Some(range),
                    None,
                    Some(brand),
                    &mut fired,
                );
            }
        }
        // The brand the message names whose own number (exactly) sent it.
        let official_voice = mentioned.iter().map(|(b, _)| *b).find(|&b| {
            sender_kind == SenderKind::ShortCode && self.brands.is_own_number(b, &digits)
        });
        if sender_kind == SenderKind::VirtualMobile {
            self.fire_detector("sender.virtual_operator", None, None, None, &mut fired);
        }
        if let Some(number) = &norm.spaced_number {
            let evidence = Some(number.clone());
            self.fire_detector("evasion.spaced_number", evidence, None, None, &mut fired);
        }
        if let Some(o) = &found_otp {
            self.fire_detector("otp.code", Some(o.code.clone()), None, None, &mut fired);
            if let Some(w) = &o.warning {
                self.fire_detector(
                    "otp.warns_not_to_share",
                    Some(w.clone()),
                    None,
                    None,
                    &mut fired,
                );
            }
        }

        // Reassuring words do not excuse a disguised link: scammers paste "谨防诈骗" next to
        // lookalike URLs, genuine reminders never carry one.
        let serious_link = found_links
            .iter()
            .any(|fl| fl.link.findings.iter().any(|f| f.is_serious()));
        if serious_link {
            fired.retain(|f| {
                let c = self.rules[f.rule].def.category;
                c != Category::SafeContext && c != Category::Reminder
            });
        }
        // A scam forwarded in quotes with the forwarder's own doubt around it ("我收到這個，
        // 是不是詐騙？「…請加LINE辦理取消」", `Mum forwarded me this: "…" - it's a scam`): the
        // quote shows the scam, the words around it speak. Story words inside the quotes
        // do not count; links, the sender and codes still do. Only when the words around
        // say it was received or forwarded and ask nothing themselves: a fake relative
        // quotes a "bill" and then asks you to pay it (review 4).
        let is_reminder = |f: &&Fired| self.rules[f.rule].def.category == Category::Reminder;
        if fired.iter().any(|f| is_reminder(&f)) {
            let quotes = quoted_spans(text);
            let inside =
                |e: &Range<usize>| quotes.iter().any(|q| q.start <= e.start && e.end <= q.end);
            let doubted = fired
                .iter()
                .filter(is_reminder)
                .any(|f| f.evidence.as_ref().is_some_and(|e| !inside(e)));
            if doubted && !quotes.is_empty() && is_plain_forward(text, &quotes) {
                fired.retain(|f| {
                    !(self.rules[f.rule].def.category.is_story()
                        && f.evidence.as_ref().is_some_and(inside))
                });
            }
        }
        // An anti-fraud reminder names the tricks it warns about: its words describe a
        // scam rather than perform one, so story words in its sentence (commas and full
        // stops included, so a multi-sentence bulletin stays one) do not count; only
        // what text cannot fake does (links, the sender, one-time codes). Story words
        // after that sentence still count: scammers open with "谨防诈骗！" and then ask.
        // And a request (a code, card data, money) in a sentence of its own after every
        // match of every reminder, English full stops counting here, is the scam
        // speaking ("Scammers pose as bank staff. Reply with your card number"): the
        // reminders are its cover and are dropped, and the story after them counts. A
        // bulletin that quotes the script ("They ask you to move your money") has a
        // reminder match in that sentence, so it stays a bulletin.
        //
        // From one of the named brand's (or an anti-fraud office's) own numbers, a
        // message that warns (谨防, 请勿, never: not a bare 冒用 or 涉嫌诈骗 in a story) is
        // a warning (`sender.official_warning`), and the warnings speak for it up to
        // the *last* one: a bulletin retells the script first and warns at the end
        // ("…让您下载会议App。请牢记：…"). Anyone else gets only the first warning's
        // sentence, since scams append a warning after their ask. A spoofed sender id
        // (fake base stations send as 95588) gets the replies of the real one, so a
        // working scam must say where else to go (a link that is not the brand's, a
        // phone number, a chat id) or tell the reader to hand something over; either
        // one means it is no bulletin.
        if let Some(brand) = official_voice {
            let voice_id = self.brands.brands[brand].id.as_str();
            let no_bulletin = self.tells_reader_to_hand_over(&fired, text)
                || found_links
                    .iter()
                    .any(|fl| fl.link.official_for.as_deref() != Some(voice_id))
                || has_phone_number(text)
                || gives_chat_id();
            let last_warning = || WARNING_RE.find_iter(text).last().map(|w| w.range());
            if let Some(at) = (!no_bulletin).then(last_warning).flatten() {
                self.fire_detector(
                    "sender.official_warning",
                    Some(at),
                    None,
                    Some(brand),
                    &mut fired,
                );
            }
        }
        // Every match of the fired reminders (their regexes run again): found once, as
        // both the official voice and the asks below may need them.
        let all_warnings: once_cell::unsync::OnceCell<Vec<Range<usize>>> =
            once_cell::unsync::OnceCell::new();
        let warning_matches = || -> &[Range<usize>] {
            all_warnings.get_or_init(|| {
                fired
                    .iter()
                    .filter(is_reminder)
                    .flat_map(|f| self.warning_spans(f, &scanned, &candidates))
                    .collect()
            })
        };
        let reminder_ends: Vec<usize> = if official_voice.is_some() {
            warning_matches()
                .iter()
                .map(|m| sentence_around(text, m.clone(), false).1)
                .collect()
        } else {
            fired
                .iter()
                .filter(is_reminder)
                .map(|f| f.evidence.clone().unwrap_or(0..text.len()))
                .map(|m| sentence_around(text, m, false).1)
                .collect()
        };
        let reminder_ends = match reminder_ends.iter().max() {
            Some(&last) if official_voice.is_some() => vec![last],
            _ => reminder_ends,
        };
        if !reminder_ends.is_empty() {
            let after = |f: &Fired, ends: &[usize]| {
                f.evidence
                    .as_ref()
                    .is_some_and(|e| ends.iter().all(|&end| e.start >= end))
            };
            let is_request = |f: &Fired| {
                matches!(
                    self.rules[f.rule].def.category,
                    Category::CodeRequest | Category::CredentialRequest | Category::MoneyTransfer
                )
            };
            // Finding every reminder match re-runs its regexes: only when something is
            // asked at all (never for a code message that just says "请勿泄露").
            let warnings: &[Range<usize>] = if fired
                .iter()
                .any(|f| self.rules[f.rule].def.category.is_ask())
            {
                warning_matches()
            } else {
                &[]
            };
            let clause_ends: Vec<usize> = if fired.iter().any(is_request) {
                warnings
                    .iter()
                    .map(|m| sentence_around(text, m.clone(), true).1)
                    .collect()
            } else {
                Vec::new()
            };
            // Within the warning's sentence, an ask whose clause turns to the reader
            // ("防诈骗提醒：您的账户存在风险，请把收到的验证码回复本短信") is the scam
            // speaking too; a bulletin's clauses around its asks describe or forbid.
            // A number to call back is no ask here: genuine notices end "如有疑问请致电…".
            let told_ask = |f: &Fired| {
                let category = self.rules[f.rule].def.category;
                category.is_ask()
                    && (category != Category::OffPlatform
                        || f.evidence
                            .as_ref()
                            .is_some_and(|e| names_chat_or_qr(&text[e.clone()])))
            };
            let told_after_warning = |f: &Fired| {
                let Some(e) = &f.evidence else { return false };
                told_ask(f)
                    && warnings.iter().all(|w| w.end <= e.start)
                    && turns_to_reader(text, e.clone())
            };
            // And the mirror: an ask told to the reader before any warning ("…请把验证码
            //发给我。谨防诈骗。"): the warning is a tail the scam added, and all counts.
            let told_before_warning = |f: &Fired| {
                let Some(e) = &f.evidence else { return false };
                told_ask(f)
                    && warnings.iter().all(|w| e.end <= w.start)
                    && turns_to_reader(text, e.clone())
            };
            let asked_in_own_sentence = !clause_ends.is_empty()
                && fired
                    .iter()
                    .any(|f| is_request(f) && after(f, &clause_ends));
            // A transfer that names the account to pay (a long run of digits right
            // after it) performs the ask: a bulletin describes the script, it never
            // gives the scammer's account.
            let names_account = |f: &Fired| {
                self.rules[f.rule].def.category == Category::MoneyTransfer
                    && f.evidence
                        .as_ref()
                        .is_some_and(|e| account_follows(text, e.end))
            };
            let told_first =
                fired.iter().any(told_before_warning) || fired.iter().any(names_account);
            let told =
                !asked_in_own_sentence && !told_first && fired.iter().any(told_after_warning);
            let asks_after_warning = asked_in_own_sentence || told || told_first;
            // Told within the warning's sentence: what follows the first warning counts.
            let told_ends: Vec<usize> = warnings.iter().map(|w| w.end).min().into_iter().collect();
            fired.retain(|f| {
                let category = self.rules[f.rule].def.category;
                if category == Category::Reminder {
                    return !asks_after_warning;
                }
                let ends = if told_first {
                    &Vec::new()
                } else if told {
                    &told_ends
                } else if asks_after_warning {
                    &clause_ends
                } else {
                    &reminder_ends
                };
                !category.is_story() || after(f, ends)
            });
        }

        // Per category: the strongest positive reason plus the strongest negative one,
        // so repeating one kind of evidence does not add up.
        let mut strongest = [0i32; Category::ALL.len()];
        let mut weakest = [0i32; Category::ALL.len()];
        let mut present = [false; Category::ALL.len()];
        // What a combination's `none` looks at. A `fakeable` reassurance (a letter
        // sender id that names the brand) does not switch off a combination once the
        // message asks for more than a call: a code, card data, an app, money or a chat app.
        let fakeable = |f: &Fired| self.rules[f.rule].def.fakeable;
        let asks_more_than_a_call = fired.iter().any(fakeable)
            && (fired.iter().any(|f| {
                let c = self.rules[f.rule].def.category;
                c.is_ask() && c != Category::OffPlatform
            }) || gives_chat_id()
                || CHAT_APPS_RE.is_match(text));
        let mut vetoes = [false; Category::ALL.len()];
        for f in &fired {
            let r = &self.rules[f.rule].def;
            let c = r.category as usize;
            present[c] = true;
            vetoes[c] |= !(asks_more_than_a_call && fakeable(f));
            strongest[c] = strongest[c].max(r.weight);
            weakest[c] = weakest[c].min(r.weight);
        }
        let contribution: [i32; Category::ALL.len()] =
            std::array::from_fn(|c| strongest[c] + weakest[c]);
        let mut score: i32 = contribution.iter().sum();
        let mut floor = Level::Safe;
        let has = |c: &Category| present[*c as usize];
        for (ci, combo) in self.combos.iter().enumerate() {
            let fires = combo.all.iter().all(has)
                && (combo.any.is_empty() || combo.any.iter().any(has))
                && !combo.none.iter().any(|c| vetoes[*c as usize]);
            if fires {
                score += combo.weight;
                if let Some(level) = combo.level {
                    floor = floor.max(level);
                }
                fired.push(Fired {
                    rule: usize::MAX - ci,
                    evidence: None,
                    link: None,
                    brand: None,
                });
            }
        }
        let score = score.clamp(0, 100) as u32;
        let by_score = if score >= DANGEROUS_SCORE {
            Level::Dangerous
        } else if score >= SUSPICIOUS_SCORE {
            Level::Suspicious
        } else {
            Level::Safe
        };
        let level = by_score.max(floor);
        // Rules one signal short of the line: the wording decides whether the message
        // reads like a scam. Never for a one-time code, never past suspicious.
        let lift = (level == Level::Safe
            && score >= WORDING_MIN_SCORE
            && found_otp.is_none()
            && visible_length(text) >= WORDING_MIN_LENGTH)
            .then(|| self.wording.as_ref().map(Wording::model))
            .flatten()
            .is_some_and(|m| {
                score as f32 + WORDING_POINTS_PER_LOG_ODDS * m.log_odds(text)
                    >= SUSPICIOUS_SCORE as f32
            })
            .then(|| SUSPICIOUS_SCORE - score);
        let (level, score) = match lift {
            Some(_) => (Level::Suspicious, SUSPICIOUS_SCORE),
            None => (level, score),
        };

        let mut categories: Vec<Category> = Category::ALL
            .iter()
            .copied()
            .filter(|c| contribution[*c as usize] > 0)
            .collect();
        categories.sort_by_key(|c| std::cmp::Reverse(contribution[*c as usize]));

        let mut reasons: Vec<Reason> = fired
            .iter()
            .map(|f| self.reason(f, &norm, &mentioned, &found_links))
            .collect();
        if let Some(lift) = lift {
            reasons.push(Reason {
                weight: lift as i32,
                ..WORDING_REASON.clone()
            });
        }
        reasons.sort_by(|a, b| {
            let combo = |r: &Reason| r.category == Category::Combination;
            combo(b).cmp(&combo(a)).then(b.weight.cmp(&a.weight))
        });

        Verdict {
            level,
            score,
            categories,
            reasons,
            links: found_links
                .into_iter()
                .map(|fl| Link {
                    span: to_span(&norm, fl.range),
                    ..fl.link
                })
                .collect(),
            otp: found_otp.map(|o| Otp {
                code: text[o.code.clone()].to_owned(),
                span: to_span(&norm, o.code),
                purpose: o.purpose,
                amount: o.amount.map(|a| text[a].to_owned()),
                warns_not_to_share: o.warns_not_to_share,
            }),
            sender: sender_kind,
            brands: mentioned
                .iter()
                .map(|(b, _)| self.brands.brands[*b].id.clone())
                .collect(),
            truncated,
        }
    }

    fn brand_index(&self, id: &str) -> Option<usize> {
        self.brands.brands.iter().position(|b| b.id == id)
    }

    /// Where a fired reminder warns: every match of a pattern rule, or a detector's
    /// evidence. `candidates` are the gate's patterns for `text` (set indices): no
    /// other pattern can match, so only those run again.
    fn warning_spans(&self, f: &Fired, text: &str, candidates: &Candidates) -> Vec<Range<usize>> {
        match &self.rules[f.rule].def.trigger {
            Trigger::Patterns(_) => candidates
                .with_starts()
                .map(|(si, starts)| (self.set_owner[si], starts))
                .filter(|&((ri, _), _)| ri == f.rule)
                .flat_map(|((ri, pi), starts)| {
                    self.rules[ri].searches[pi].matches(text, starts).take(8)
                })
                .filter(|m| !self.discounted(f.rule, text, m.clone()))
                .collect(),
            _ => f.evidence.clone().into_iter().collect(),
        }
    }

    /// Whether a fired code, card, app or money ask tells the reader to act ("请将验证码
    /// 告知专员"): a bulletin describes or forbids its asks, a spoofed official sender
    /// makes them. Numbers to call back do not count.
    fn tells_reader_to_hand_over(&self, fired: &[Fired], text: &str) -> bool {
        fired.iter().any(|f| {
            let category = self.rules[f.rule].def.category;
            category.is_ask()
                && category != Category::OffPlatform
                && f.evidence.clone().is_some_and(|e| turns_to_reader(text, e))
        })
    }

    /// Whether a match of rule `ri` does not count: negated by one of the rule's
    /// `unless_near` cues, or an ask that a bulletin puts in a scammer's mouth.
    fn discounted(&self, ri: usize, text: &str, m: Range<usize>) -> bool {
        let def = &self.rules[ri].def;
        (!def.unless_near.is_empty()
            && self.cues.any_in(ri, text, negation_window(text, m.clone())))
            || (def.category.is_ask() && described_ask(text, m))
    }

    /// Fires the pattern rules that match `text`; returns the gate's candidates.
    fn fire_patterns(&self, text: &str, fired: &mut Vec<Fired>) -> Candidates {
        let matched = self.set.candidates(text);
        for (si, starts) in matched.with_starts() {
            let (ri, pi) = self.set_owner[si];
            if fired.iter().any(|f| f.rule == ri) {
                continue;
            }
            let evidence = self.rules[ri].searches[pi]
                .matches(text, starts)
                .take(8)
                .find(|m| !self.discounted(ri, text, m.clone()));
            if let Some(evidence) = evidence {
                fired.push(Fired {
                    rule: ri,
                    evidence: Some(evidence),
                    link: None,
                    brand: None,
                });
            }
        }
        matched
    }

    fn fire_detector(
        &self,
        name: &str,
        evidence: Option<Range<usize>>,
        link: Option<usize>,
        brand: Option<usize>,
        fired: &mut Vec<Fired>,
    ) {
        let Some(rules) = self.detectors.get(name) else {
            return;
        };
        for &ri in rules {
            if !fired.iter().any(|f| f.rule == ri) {
                fired.push(Fired {
                    rule: ri,
                    evidence: evidence.clone(),
                    link,
                    brand,
                });
            }
        }
    }

    fn reason(
        &self,
        f: &Fired,
        norm: &Normalized,
        mentioned: &[(usize, Range<usize>)],
        links: &[links::FoundLink],
    ) -> Reason {
        if f.rule > self.rules.len() {
            let c = &self.combos[usize::MAX - f.rule];
            return Reason {
                rule_id: c.doc.id.clone(),
                category: Category::Combination,
                weight: c.weight,
                explanation: c.doc.explanation.clone(),
                evidence: None,
            };
        }
        let rule = &self.rules[f.rule];
        let r = &rule.def;
        let brand_index = f.brand.or(mentioned.first().map(|(b, _)| *b));
        let brand = brand_index.map(|b| &self.brands.brands[b].name);
        let host = f
            .link
            .and_then(|i| links.get(i))
            .map_or("", |fl| fl.link.host.as_str());
        let fill = |text: &Arc<str>, zh: bool| -> Arc<str> {
            if !rule.templated {
                return Arc::clone(text);
            }
            let name = match (brand, zh) {
                (Some(n), true) => &*n.zh,
                (Some(n), false) => &*n.en,
                (None, true) => "官方平台",
                (None, false) => "an official brand",
            };
            fill_placeholders(text, host, name).into()
        };
        let filled = || Explanation {
            zh: fill(&r.doc.explanation.zh, true),
            en: fill(&r.doc.explanation.en, false),
        };
        let explanation = match rule.by_brand.get(brand_index.map_or(0, |b| b + 1)) {
            Some(cell) => cell.get_or_init(filled).clone(),
            None => filled(),
        };
        Reason {
            rule_id: r.doc.id.clone(),
            category: r.category,
            weight: r.weight,
            explanation,
            evidence: f.evidence.clone().map(|e| to_span(norm, e)),
        }
    }

    /// Runs every rule's and combination's `match` / `no_match` examples through this
    /// engine and returns the ones that misbehave. Used by tests and `smishguard rules check`.
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        let docs = self
            .rules
            .iter()
            .map(|r| &r.def.doc)
            .chain(self.combos.iter().map(|c| &c.doc));
        let mut failures = Vec::new();
        for doc in docs {
            let cases = doc
                .positive
                .iter()
                .map(|e| (e, true))
                .chain(doc.negative.iter().map(|e| (e, false)));
            for (ex, expected) in cases {
                let msg = Message {
                    sender: ex.sender.as_deref(),
                    body: &ex.text,
                    received_at_millis: None,
                };
                let fired = self
                    .analyze(&msg)
                    .reasons
                    .iter()
                    .any(|r| r.rule_id == doc.id);
                if fired != expected {
                    failures.push(ExampleFailure {
                        file: doc.origin.file.clone(),
                        line: doc.origin.line,
                        rule_id: doc.id.to_string(),
                        example: ex.text.clone(),
                        expected_match: expected,
                    });
                }
            }
        }
        failures
    }
}

/// The sentence of `text` around `range` (byte offsets, widened to whole
/// characters): from just after the last sentence end before it to the first
/// sentence end after it.
fn sentence_around(text: &str, range: Range<usize>, full_stop: bool) -> (usize, usize) {
    // With `full_stop`, a '.' before a space or the end also ends a sentence ("jd.com"
    // and "3.5" do not).
    let ends_at = |i: usize, c: char| {
        matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '；' | ';')
            || (full_stop
                && c == '.'
                && text[i + 1..].chars().next().is_none_or(char::is_whitespace))
    };
    // A match may end inside a blanked-out link where the text had a wider character.
    let mut from = range.start.min(text.len());
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = range.end.clamp(from, text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let start = text[..from]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_at(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[to..]
        .char_indices()
        .find(|&(i, c)| ends_at(to + i, c))
        .map_or(text.len(), |(i, _)| to + i);
    (start, end)
}

/// The literal requirements `build.rs` computed for the patterns of the packs in
/// `rules/`, by rule id (see `required.rs`).
fn embedded_requirements() -> HashMap<&'static str, Vec<required::Entry>> {
    static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/requirements.bin"));
    required::decode_table(TABLE)
        .map(|rules| rules.into_iter().collect())
        .unwrap_or_default()
}

/// The text with every link blanked out byte for byte (offsets stay valid), so words
/// inside a URL (`tb-refund.cc`) are judged by the link detectors, not counted again
/// as a refund story.
fn without_links<'t>(text: &'t str, links: &[links::FoundLink]) -> std::borrow::Cow<'t, str> {
    if links.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    // Links come in order and on char boundaries: the text between them is copied as
    // it is, with no second UTF-8 check of the whole text.
    let mut out = String::with_capacity(text.len());
    for fl in links {
        let end = fl.range.end.min(text.len());
        let start = fl.range.start.min(end);
        let Some(between) = text
            .get(out.len()..start)
            .filter(|_| text.is_char_boundary(end))
        else {
            return std::borrow::Cow::Owned(blank_bytes(text, links));
        };
        out.push_str(between);
        out.extend(std::iter::repeat_n(' ', end - start));
    }
    out.push_str(&text[out.len()..]);
    std::borrow::Cow::Owned(out)
}

/// [`without_links`] for links out of order: blanks byte for byte, and keeps the
/// text as it is should that split a character.
fn blank_bytes(text: &str, links: &[links::FoundLink]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for fl in links {
        let end = fl.range.end.min(bytes.len());
        bytes[fl.range.start.min(end)..end].fill(b' ');
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())
}

/// The detector a link finding feeds (`link.` + the finding's name), without allocating.
fn link_detector(finding: LinkFinding) -> &'static str {
    match finding {
        LinkFinding::Official => "link.official",
        LinkFinding::Unofficial => "link.unofficial",
        LinkFinding::IpHost => "link.ip_host",
        LinkFinding::Userinfo => "link.userinfo",
        LinkFinding::DeceptiveSubdomain => "link.deceptive_subdomain",
        LinkFinding::BrandLookalike => "link.brand_lookalike",
        LinkFinding::Punycode => "link.punycode",
        LinkFinding::Shortener => "link.shortener",
        LinkFinding::ApkDownload => "link.apk_download",
        LinkFinding::RiskyTld => "link.risky_tld",
        LinkFinding::RandomLooking => "link.random_looking",
        LinkFinding::ChatInvite => "link.chat_invite",
        LinkFinding::Obfuscated => "link.obfuscated",
    }
}

/// Expands `{host}` and `{brand}` in an explanation in one pass.
fn fill_placeholders(text: &str, host: &str, brand: &str) -> String {
    let mut out = String::with_capacity(text.len() + host.len() + brand.len());
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{host}") {
            out.push_str(host);
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{brand}") {
            out.push_str(brand);
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

fn to_span(norm: &Normalized, range: Range<usize>) -> Span {
    let r = norm.original(range);
    Span {
        start: r.start,
        end: r.end,
    }
}

/// Spans inside quotation marks (「…」, 『…』, “…”, "…") of at least six characters: a
/// message quoted in another.
fn quoted_spans(text: &str) -> Vec<Range<usize>> {
    const PAIRS: [(char, char); 4] = [('「', '」'), ('『', '』'), ('“', '”'), ('"', '"')];
    let mut spans = Vec::new();
    for (open, close) in PAIRS {
        let mut from = 0;
        while let Some(a) = text[from..].find(open) {
            let start = from + a + open.len_utf8();
            let Some(b) = text[start..].find(close) else {
                break;
            };
            let end = start + b;
            if text[start..end].chars().count() >= 6 {
                spans.push(start..end);
            }
            from = end + close.len_utf8();
        }
    }
    spans
}

/// Whether the words outside `quotes` say the quoted text was received or forwarded,
/// and ask the reader for nothing themselves.
fn is_plain_forward(text: &str, quotes: &[Range<usize>]) -> bool {
    const FORWARDED: [&str; 11] = [
        "我收到",
        "收到这个",
        "收到呢个",
        "收到这条",
        "转发",
        "转给你",
        "forwarded",
        "fw:",
        "fwd:",
        "got this",
        "got a text",
    ];
    const ASKS: [&str; 14] = [
        "帮我转",
        "帮我交",
        "帮我付",
        "帮我过",
        "帮我汇",
        "帮我打",
        "先帮我",
        "你先转",
        "can you",
        "could you",
        "pay it",
        "sort it",
        "cover it",
        "send it",
    ];
    let mut outside = String::with_capacity(text.len());
    let mut from = 0;
    let mut sorted: Vec<&Range<usize>> = quotes.iter().collect();
    sorted.sort_by_key(|q| q.start);
    for q in sorted {
        if q.start >= from {
            outside.push_str(&text[from..q.start]);
            from = q.end;
        }
    }
    outside.push_str(&text[from.min(text.len())..]);
    FORWARDED.iter().any(|w| outside.contains(w)) && !ASKS.iter().any(|w| outside.contains(w))
}

/// The name inside a `【…】` signature that opens a message (2 to 14 characters).
fn signature(text: &str) -> Option<Range<usize>> {
    let start = text.len() - text.trim_start().len();
    let inner = text[start..].strip_prefix('【')?;
    let end = inner.find('】')?;
    let name = &inner[..end];
    (2..=14)
        .contains(&name.chars().count())
        .then(|| start + '【'.len_utf8()..start + '【'.len_utf8() + end)
}

/// A brand named in a bracket tag (`【淘宝】`, `[Amazon]`) or as the message's opening word
/// (`Amazon:`).
fn brand_tag(text: &str, mentioned: &[(usize, Range<usize>)]) -> Option<(usize, Range<usize>)> {
    mentioned.iter().find_map(|(b, r)| {
        let before = text[..r.start].trim_end();
        let after = text[r.end..].trim_start();
        let tagged = (before.ends_with('【') || before.ends_with('[') || before.ends_with('〔'))
            && (after.starts_with('】') || after.starts_with(']') || after.starts_with('〕'));
        // A tag inside quotes belongs to a forwarded message (`FW: 「【HKTVmall】…」`),
        // not to whoever sends it on.
        let quoted = before
            .strip_suffix(['【', '[', '〔'])
            .is_some_and(|b| b.trim_end().ends_with(['「', '『', '“', '"']));
        let tagged = tagged && !quoted;
        let opening = before.is_empty() && (after.starts_with(':') || after.starts_with('：'));
        (tagged || opening).then(|| (*b, r.clone()))
    })
}

/// Words that warn (normalised: simplified, lower-case). From an official number
/// they make the message a warning.
const WARNING_CUES: &[&str] = &[
    "谨防",
    "警惕",
    "提防",
    "防范",
    "提醒",
    "提示",
    "请勿",
    "不要",
    "切勿",
    "不会",
    "立即停止",
    "挂断",
    "当心",
    "小心",
    "牢记",
    "记住",
    "不需要",
    "无需",
    "都是诈骗",
    "骗子",
    "不法分子",
    "beware",
    "never",
    "do not",
    "don't",
    "alert",
    "warning",
    "be careful",
    "remember",
];

/// Whether `text` holds a phone number: seven or more digits in a run, in groups of
/// three or more after the first, split by single spaces, hyphens, dots, slashes or
/// brackets ("0571-8876 5432", "400.826.1234", not the date "2024-11-30"). Hotlines
/// such as 96110 or 95188 are shorter.
fn has_phone_number(text: &str) -> bool {
    const SEPARATORS: [char; 8] = [' ', '-', '.', '/', '–', '—', '(', ')'];
    // The runs of digits and separators, found byte by byte: splitting the text on
    // every other character decoded each one and compared it with the list.
    let b = text.as_bytes();
    let run_len = |at: usize| match b[at] {
        b'0'..=b'9' | b' ' | b'-' | b'.' | b'/' | b'(' | b')' => 1,
        // '–' and '—' (U+2013, U+2014)
        0xE2 if b.get(at + 1) == Some(&0x80) && matches!(b.get(at + 2), Some(0x93 | 0x94)) => 3,
        _ => 0,
    };
    let mut at = 0;
    while at < b.len() {
        let start = at;
        while at < b.len() && run_len(at) > 0 {
            at += run_len(at);
        }
        if at == start {
            at += 1;
            continue;
        }
        // (Shorter runs cannot hold seven digits.)
        if at - start < 7 {
            continue;
        }
        let has = text[start..at].split("  ").any(|run| {
            let groups: Vec<&str> = run
                .split(SEPARATORS)
                .skip_while(|g| g.is_empty())
                .take_while(|g| !g.is_empty())
                .collect();
            groups.iter().map(|g| g.len()).sum::<usize>() >= 7
                && groups.iter().skip(1).all(|g| g.len() >= 3)
        });
        if has {
            return true;
        }
    }
    false
}

/// Whether a match names a chat app, a chat id or a QR code (not a number to call).
fn names_chat_or_qr(matched: &str) -> bool {
    CHAT_APPS_RE.is_match(matched)
        || has_chat_id(matched)
        || ["二维码", "扫码", "扫一扫", "qr"]
            .iter()
            .any(|w| matched.contains(w))
}

/// Chat apps scams move victims to (normalised: lower-case, simplified).
const CHAT_APPS: &[&str] = &[
    "微信", "vx", "wx", "qq", "line", "whatsapp", "telegram", "skype", "signal",
];

/// Whether `text` gives a chat-app id: 微信, QQ, LINE, WhatsApp … followed by Latin
/// letters or digits ("加微信 zfb-kf88", "line id：@tw165"). Normalised text, so
/// lower-case; an ASCII app name must stand as a word ("online" is not LINE).
fn has_chat_id(text: &str) -> bool {
    CHAT_APPS_RE.find_iter(text).any(|app| {
        let rest = text[app.end()..].trim_start_matches([' ', ':', '：', '号', '是', '“', '"']);
        let rest = rest.strip_prefix("id").unwrap_or(rest);
        let rest = rest.trim_start_matches([' ', ':', '：', '@']);
        rest.starts_with(|c: char| c.is_ascii_alphanumeric())
    })
}

/// Whether a bank account or card number (12 digits or more, spaces and dashes
/// allowed between them) starts within 40 bytes after `at`.
fn account_follows(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes().get(at..).unwrap_or_default();
    let mut run_start = None;
    let mut digits = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                let from = *run_start.get_or_insert(i);
                digits += 1;
                if digits >= 12 {
                    return from < 40;
                }
            }
            b' ' | b'-' if digits > 0 => {}
            _ if i >= 40 => return false,
            _ => (run_start, digits) = (None, 0),
        }
    }
    false
}

/// Whether the clause holding `m` tells the reader to act: it opens with 请, a verb
/// ("下载…") or an English imperative at a sentence start, or says 请 / 您将 / 直接告知
/// before the ask ("为追回损失请将卡号…"); and it does not open by forbidding ("请勿…",
/// "never…") or deny before the 请 ("不会…请您提供验证码").
fn turns_to_reader(text: &str, m: Range<usize>) -> bool {
    const OPENERS: &[&str] = &[
        "请",
        "麻烦",
        "立即",
        "马上",
        "赶紧",
        "尽快",
        "务必",
        "您需",
        "你需",
        "现需",
        "需您",
        "将",
        "把",
        "配合",
        "届时",
        "需要您",
        "只需",
        "please",
        "kindly",
        "you must",
        "you need to",
        "you have to",
        "simply",
    ];
    const FORBIDDING: &[&str] = &[
        "请勿",
        "请不要",
        "请别",
        "请立即停止",
        "请停止",
        "立即停止",
        "请立即挂断",
        "请挂断",
        "立即挂断",
        "请报警",
        "请尽快报警",
        "please do not",
        "please don't",
        "please never",
        "please stop",
        "勿",
        "不要",
        "别",
        "切勿",
        "千万",
        "严禁",
        "never",
        "don't",
        "do not",
        "please hang up",
        "please report",
    ];
    let Some(before) = text.get(..m.start) else {
        return false;
    };
    let from = before
        .rfind([
            '，', ',', '：', ':', '；', ';', '。', '！', '？', '!', '?', '\n',
        ])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        })
        .max(before.rfind(". ").map_or(0, |i| i + 2));
    let clause = text[from..].trim_start();
    let lead = &before[from.min(before.len())..];
    // "为追回损失请将卡号…", "关闭请在应用商店下载": a 请 inside the clause, before the
    // ask, that is neither "请勿" nor denied before it ("不会…请您提供验证码").
    let not_denied = |at: usize| {
        !FORBIDDING.iter().any(|f| lead[at..].starts_with(f))
            && !FORBIDDING_RE.is_match(&lead[..at])
            && !lead[..at].contains('不')
    };
    // Also "您将收到的验证码回复至…", "客服来电时直接告知…": the reader is told what
    // to do with it, mid-clause; not where someone else asks in the clause ("让您把钱
    // 转到…") or it is a story ("又把收到的验证码告诉了对方").
    const TOLD_WITHIN: &[&str] = &[
        "您将",
        "你将",
        "您把",
        "你把",
        "将收到",
        "把收到",
        "直接告知",
        "直接提供",
        "直接回复",
        "直接发",
    ];
    let retold = ASKING_RE.is_match(lead) || lead.contains(['了', '又']);
    let asks_within = lead.match_indices('请').any(|(at, _)| not_denied(at))
        || (!retold
            && TOLD_WITHIN
                .iter()
                .any(|t| lead.match_indices(t).any(|(at, _)| not_denied(at))));
    // An English imperative opens a sentence ("Reply with your card number."); after a
    // comma it is more often a list ("never ask you to pay, install apps or…").
    const IMPERATIVES: &[&str] = &[
        "reply", "text", "send", "share", "install", "download", "click", "tap", "enter",
        "provide", "confirm", "verify", "transfer", "pay", "read", "forward", "add",
    ];
    let opens_sentence = before[..from.min(before.len())]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | ';' | '；' | '\n'));
    let imperative = opens_sentence
        && IMPERATIVES.iter().any(|v| {
            clause.starts_with(v) && !clause[v.len()..].starts_with(char::is_alphanumeric)
        });
    // A Chinese clause that opens with the verb itself ("下载云视讯App并开启屏幕共享").
    const ZH_IMPERATIVES: &[&str] = &[
        "下载", "安装", "开启", "打开", "点击", "添加", "扫码", "回复", "提供", "输入", "转账",
        "汇款", "发送", "告知", "填写",
    ];
    // ("填写了银行卡号" is a story: done, not asked.)
    let zh_imperative = ZH_IMPERATIVES
        .iter()
        .any(|v| clause.starts_with(v) && !clause[v.len()..].starts_with(['了', '过']));
    (OPENERS.iter().any(|o| clause.starts_with(o)) || asks_within || imperative || zh_imperative)
        && !FORBIDDING.iter().any(|o| clause.starts_with(o))
}

/// Who a bulletin says is asking: "骗子会…然后让您下载会议App", "Scammers … asking for
/// your OTP". Lower-case, simplified (the text is normalised). Only nouns that name
/// the scammer: a conditional ("if the caller asks you to install AnyDesk, …") is
/// left out, since a scam can go on "…, please do so to get your refund".
const SCAMMER_SUBJECTS: &[&str] = &[
    "骗子",
    "骗徒",
    "歹徒",
    "假冒",
    "fake customer",
    "fake support",
    "fake agents",
    "fake staff",
    "匪徒",
    "诈团",
    "不法分子",
    "诈骗分子",
    "犯罪分子",
    "诈骗团伙",
    "诈骗集团",
    "有人冒充",
    "有人假冒",
    "冒充者",
    "假客服",
    "scammer",
    "fraudster",
    "criminals",
    "crooks",
    "con artists",
];

/// How a bulletin says the scammer asks: the ask's own clause needs one of these
/// before it ("然后让您扫码", "asking for your OTP").
const ASKING_VERBS: &[&str] = &[
    "让您",
    "让你",
    "要您",
    "要你",
    "要求",
    "索要",
    "诱导",
    "骗您",
    "骗你",
    "叫您",
    "叫你",
    "引导",
    "ask you",
    "asks you",
    "asking you",
    "ask for",
    "asks for",
    "asking for",
    "tell you",
    "tells you",
    "telling you",
    "get you to",
    "gets you to",
    "urge you",
    "pressure you",
    "want you",
    "wants you",
    "trick you",
    "persuade you",
    "asking parents",
    "asking people",
    "asking customers",
    "asking residents",
    "asking users",
    "asks parents",
    "asks people",
];

/// Before a scammer noun, these make it the reason or the victim's foe, not the
/// asker: "为免骗徒冒领", "to stop scammers", "被不法分子盗刷".
const NOT_THE_ASKER: &[&str] = &[
    "为防止",
    "为避免",
    "为免",
    "以防",
    "防止",
    "避免",
    "由于",
    "因为",
    "因",
    "被",
    "遭",
    "to stop",
    "to prevent",
    "to protect",
    "because",
    "due to",
    "since",
    "against",
];

/// Someone else asking between the scammer noun and the ask: "…, the bank asks you".
const OTHER_ASKERS: &[&str] = &[
    "系统",
    "平台",
    "银行",
    "客服",
    "专员",
    "公司",
    "工作人员",
    "team",
    "bank",
    "courier",
    "department",
    "system",
    "staff",
    "officer",
    "agent",
    "support",
    "商家",
    "卖家",
    "店家",
    "民警",
    "警官",
    "警方",
    "检察官",
    "seller",
    "shop",
    "store",
    "police",
];

/// Whether `spoken` has another asker speaking in its own name: one of
/// [`OTHER_ASKERS`] right before an asking verb ("the bank asks you", "平台要求您"),
/// not one the scammer poses as ("pose as shop staff offering refunds and ask you").
fn someone_else_asks(spoken: &str) -> bool {
    const VERBS: &[&str] = &[
        "ask", "want", "need", "require", "request", "要求", "让", "需要", "请", "将", "希望",
    ];
    OTHER_ASKERS.iter().any(|w| {
        spoken.match_indices(w).any(|(at, _)| {
            let after = spoken[at + w.len()..].trim_start();
            let after = after.strip_prefix("now ").unwrap_or(after);
            VERBS.iter().any(|v| after.starts_with(v))
        })
    })
}

/// Words a bulletin warns off with. A message that describes a scammer's asks without
/// any of them is not a warning.
const FORBIDDING_WORDS: &[&str] = &[
    "请勿",
    "不要",
    "切勿",
    "勿",
    "不会",
    "别",
    "无需",
    "不需要",
    "唔好",
    "唔会",
    "never",
    "don't",
    "do not",
    "won't",
    "will not",
    "hang up",
    "ignore",
    "not",
];

/// First person after an ask ("…发给我", "…to our agent"): the sender is the one asking.
const FIRST_PERSON: &[&str] = &["我", "本行", "本公司", "we", "our", "us", "me"];

/// Words that carry a clause on under the subject of the one before it: in
/// "骗子会冒充客服，然后让您扫码" the second clause is still the scammer's.
const CLAUSE_CONTINUATIONS: &[&str] = &[
    "然后",
    "接着",
    "随后",
    "再",
    "并",
    "或者",
    "或",
    "还会",
    "甚至",
    "进而",
    "诱导",
    "要求",
    "让",
    "声称",
    "谎称",
    "and ",
    "or ",
    "then ",
    "claiming",
    "asking",
    "saying",
    "telling",
    "offering",
    "urging",
    "pressuring",
    "getting you",
    "who ",
    "before ",
];

/// Words that mean the sender itself is speaking to the reader again: an ask after
/// them is the sender's, whatever scammer was named before.
const SENDER_VOICE: &[&str] = &[
    "我",
    "本行",
    "本公司",
    "本店",
    "请",
    "您需",
    "你需",
    "您只需",
    "你只需",
    "但",
    "不过",
    "please",
    "we",
    "our",
    "us",
    "me",
    "you must",
    "you need",
    "you should",
    "but",
    "however",
];

/// True when the ask at `m` is one an anti-fraud bulletin describes rather than one the
/// sender makes: its clause says who asks ([`ASKING_VERBS`]) and names no first person
/// after it ([`FIRST_PERSON`]); a scammer subject ([`SCAMMER_SUBJECTS`]) stands in that
/// clause, or in an earlier clause of its sentence that later clauses continue
/// ([`CLAUSE_CONTINUATIONS`]); and nothing from the subject to the end of the ask
/// speaks in the sender's own voice ([`SENDER_VOICE`]); and the message warns off
/// somewhere ([`FORBIDDING_WORDS`]). "骗子会让您下载会议App，下载会议App办理退款"
/// still asks: its second clause starts afresh, whether or not one match spans both.
fn described_ask(text: &str, m: Range<usize>) -> bool {
    // Most asks have no scammer noun anywhere before them: answer that cheaply.
    let lead = text.get(..m.start).unwrap_or_default();
    if !SCAMMER_HINT_RE.is_match(lead) {
        return false;
    }
    let is_delimiter = |c: char| matches!(c, '，' | ',' | '：' | ':' | '；' | ';' | '—' | '–');
    let (start, end) = sentence_around(text, m.clone(), true);
    let (Some(before), Some(asked)) = (text.get(start..m.start), text.get(m.clone())) else {
        return false;
    };
    // An ask that runs on into a clause or sentence of its own is judged by that one,
    // which starts afresh: "让您下载会议App，下载会议App办理退款".
    let runs_on =
        |c: char| is_delimiter(c) || matches!(c, '。' | '！' | '？' | '!' | '?' | '.' | '\n');
    if asked.contains(runs_on) || asked.contains(" - ") {
        return false;
    }
    // The ask's own clause must say who asks ("让您", "asking for") before it, and must
    // not go on to name the sender ("…to our agent on WhatsApp").
    let clause_of = |upto: usize| {
        let from = before[..upto].rfind(is_delimiter).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let from = before[from..upto]
            .rfind(" - ")
            .map_or(from, |i| from + i + 3);
        (from, &before[from..upto])
    };
    let (own_start, own) = clause_of(before.len());
    let rest = &text[m.end..end];
    let rest = &rest[..rest.find(is_delimiter).unwrap_or(rest.len())];
    // "需要您" is the sender's need, not someone asking.
    let asking = |clause: &str| {
        ASKING_RE
            .find_iter(clause)
            .any(|v| !clause[..v.start()].ends_with('需'))
    };
    // A bulletin warns off somewhere ("请勿", "never"); a scam that names scammers as
    // its reason ("由于不法分子盗刷…平台要求您…") need not.
    if !asking(own) || FIRST_PERSON_RE.is_match(rest) || !FORBIDDING_RE.is_match(text) {
        return false;
    }
    let (mut clause_start, mut clause) = (own_start, own);
    loop {
        if let Some(at) = SCAMMER_RE.find(clause).map(|s| s.start()) {
            // The scammer must be the one asking: not the object of "to stop" or
            // "because" ("为免骗徒冒领…系统要求你"), nor followed by another asker
            // ("…the bank asks you").
            let cause = &clause[..at];
            let spoken = &text[start + clause_start + at..m.end];
            return !NOT_THE_ASKER_RE.is_match(cause)
                && !someone_else_asks(spoken)
                && !SENDER_VOICE_RE.is_match(spoken);
        }
        let opening = clause.trim_start();
        if clause_start == 0 || !CLAUSE_CONTINUATIONS.iter().any(|c| opening.starts_with(c)) {
            return false;
        }
        let mut upto = clause_start - 1;
        while !before.is_char_boundary(upto) {
            upto -= 1;
        }
        (clause_start, clause) = clause_of(upto);
    }
}

/// The word lists the clause readers search, each as one regex built on first use:
/// thirty `contains` calls per message each set up their own substring searcher.
static ASKING_RE: Lazy<Regex> = Lazy::new(|| words_regex(ASKING_VERBS, false));
static FIRST_PERSON_RE: Lazy<Regex> = Lazy::new(|| words_regex(FIRST_PERSON, true));
static FORBIDDING_RE: Lazy<Regex> = Lazy::new(|| words_regex(FORBIDDING_WORDS, true));
static SCAMMER_RE: Lazy<Regex> = Lazy::new(|| words_regex(SCAMMER_SUBJECTS, false));
static NOT_THE_ASKER_RE: Lazy<Regex> = Lazy::new(|| words_regex(NOT_THE_ASKER, true));
static SENDER_VOICE_RE: Lazy<Regex> = Lazy::new(|| words_regex(SENDER_VOICE, true));
/// Cheap first test of [`described_ask`]: a scammer noun needs one of these.
static SCAMMER_HINT_RE: Lazy<Regex> = Lazy::new(|| {
    let hints = [
        "骗", "诈", "冒", "罪", "法", "假", "scam", "fraud", "crimin", "crook", "con art", "fake",
    ];
    words_regex(&hints, false)
});
static WARNING_RE: Lazy<Regex> = Lazy::new(|| words_regex(WARNING_CUES, false));
static CHAT_APPS_RE: Lazy<Regex> = Lazy::new(|| words_regex(CHAT_APPS, true));

/// One regex for a word list; with `whole_words`, ASCII words match only as whole
/// words ("scammer" is a prefix, "our" is not in "your").
fn words_regex(words: &[&str], whole_words: bool) -> Regex {
    let alternatives: Vec<String> = words
        .iter()
        .map(|w| {
            if whole_words && w.is_ascii() {
                format!("(?-u:\\b){}(?-u:\\b)", regex::escape(w))
            } else {
                regex::escape(w)
            }
        })
        .collect();
    Regex::new(&alternatives.join("|")).expect("a word list is a valid regex")
}

/// Where a negation cue (`unless_near`) counts for the match `m`: in the match or
/// just before it ("请勿把验证码告诉他人" is advice, not a request).
fn negation_window(text: &str, m: Range<usize>) -> Range<usize> {
    let mut from = m.start.saturating_sub(NEGATION_WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    // A negation does not reach across a clause: in "旧的不要打了，加我新的LINE" the
    // "不要" belongs to the first clause, not to "加".
    if let Some(cut) =
        text[from..m.start].rfind(['，', '。', '！', '？', '；', ',', '.', '!', '?', ';', '\n'])
    {
        let delimiter = text[from + cut..].chars().next().map_or(1, char::len_utf8);
        from += cut + delimiter;
    }
    from..m.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_send_sync<T: Send + Sync>() {}

    #[test]
    fn default_packs_hold_no_character_that_folding_removes() {
        // Text is folded to simplified Chinese before matching, so a traditional
        // character in a pattern or cue can never match: 換, 搵, 碼 are dead.
        let warnings: Vec<String> = EngineBuilder::with_defaults()
            .lint()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(warnings.is_empty(), "{warnings:#?}");
    }

    #[test]
    fn lint_names_the_dead_characters_of_a_run_time_pack() {
        let pack = r#"
[pack]
id = "lint-test"

[[rule]]
id = "t.dead"
category = "code_request"
weight = 40
patterns = [
  '验证码.{0,8}(发给我|發給我)',
]
unless_near = ["別"]
explain = { zh = "索要验证码", en = "Asks for a code" }
match = ["把验证码发给我"]
no_match = ["验证码别给人"]
"#;
        let builder = EngineBuilder::empty()
            .add_pack("lint.toml", pack)
            .expect("valid pack");
        let warnings: Vec<String> = builder.lint().iter().map(ToString::to_string).collect();
        assert_eq!(warnings.len(), 2, "{warnings:#?}");
        assert!(
            warnings[0].starts_with("lint.toml:10: rule `t.dead`: pattern")
                && warnings[0].ends_with("發 → 发, 給 → 给"),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[1].starts_with("lint.toml:6: rule `t.dead`: `unless_near` cue \"別\"")
                && warnings[1].ends_with("別 → 别"),
            "{}",
            warnings[1]
        );
        // A warning, not an error: the pack still builds and its live half works.
        let engine = builder.build().expect("builds");
        assert!(engine.check_examples().is_empty());
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(ascii_word_boundaries(r"\bcode\b"), r"(?-u:\b)code(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"a\\b\d"), r"a\\b(?-u:\d)");
        assert_eq!(ascii_word_boundaries(r"\D\W"), r"[^0-9][^0-9A-Za-z_]");
        assert_eq!(ascii_word_boundaries(r"[\d,.\]]\d"), r"[0-9,.\]](?-u:\d)");
    }

    #[test]
    fn asks_a_bulletin_puts_in_a_scammers_mouth_are_described_not_asked() {
        // (normalised text, the ask, described?)
        let cases = [
            (
                "骗子会说出您的订单号，然后让您下载会议App。请勿相信",
                "下载会议App",
                true,
            ),
            (
                "近期有人冒充客服以赔付为由索要验证码，请勿相信",
                "验证码",
                true,
            ),
            (
                "scammers pose as couriers, asking for your card details. never reply.",
                "card details",
                true,
            ),
            ("骗子会冒充客服，下载会议App办理退款", "下载会议App", false),
            ("骗子很多，请您下载会议App配合退款", "下载会议App", false),
            (
                "骗子冒充客服骗了您，我们帮您追回，加微信kf01",
                "加微信",
                false,
            ),
            (
                "scammers are active; reply with your card details",
                "card details",
                false,
            ),
            (
                "scammers ask for codes, so we need your card details",
                "card details",
                false,
            ),
            (
                "if the caller asks for your card details, hang up",
                "card details",
                false,
            ),
            ("客服会让您下载会议App", "下载会议App", false),
            ("骗子会冒充客服，然后您把验证码发给专员", "验证码", false),
            ("scammers pose as couriers and ask for a fee, then send your card number to our agent", "card number", false),
            ("骗子会让您把验证码发给我们的客服", "验证码", false),
            ("为免骗徒冒领退款系统要求你提供信用卡号码，请勿外传", "信用卡号码", false),
            ("to stop scammers the team asks you to reply with your card number. never share it", "card number", false),
        ];
        for (text, ask, want) in cases {
            let at = text.find(ask).unwrap();
            assert_eq!(described_ask(text, at..at + ask.len()), want, "{text}");
        }
        // One match running over a clause end is judged by the clause it ends in.
        let text = "骗子会让您下载会议App，下载会议App办理退款";
        let (from, to) = (text.find("下载").unwrap(), text.rfind("App").unwrap() + 3);
        assert!(!described_ask(text, from..to));
    }

    #[test]
    fn contacts_of_its_own_are_phone_numbers_and_chat_ids() {
        for (text, phone, chat) in [
            ("请致电 0571-8876 5432 取消", true, false),
            ("call 1800 339 6963", true, false),
            ("如有疑问拨打96110或95188", false, false),
            ("订单 2024-11-30 已取消", false, false),
            ("请加客服微信 zfb-kf88 办理", false, true),
            ("加qq：88123456", true, true),
            ("请勿添加微信或下载软件", false, false),
            ("bestbuy online was declined", false, false),
            ("请致电客服400.826.1234", true, false),
            ("line id：@tw165gov", false, true),
            ("add me on line: amy_88", false, true),
        ] {
            assert_eq!(has_phone_number(text), phone, "{text}");
            assert_eq!(has_chat_id(text), chat, "{text}");
        }
    }

    #[test]
    fn a_clause_that_tells_the_reader_to_act() {
        // (normalised text, the ask, does its clause tell the reader to act?)
        for (text, ask, want) in [
            (
                "防诈骗提醒：您的账户存在风险，请把验证码回复本短信",
                "验证码",
                true,
            ),
            ("谨防诈骗，请立即提供银行卡号", "银行卡号", true),
            (
                "beware of scams. please share your screen with our agent",
                "share your screen",
                true,
            ),
            ("请勿向任何人提供验证码", "验证码", false),
            ("对方要求您转账，请立即停止操作", "停止操作", false),
            ("银行不会要求您提供验证码", "验证码", false),
            ("为追回损失请将卡号回复至本号码", "卡号", true),
            ("momo不会以重复扣款为由请您提供验证码", "验证码", false),
            (
                "amazon will never ask you to pay, install apps or share your screen",
                "install apps",
                false,
            ),
        ] {
            let at = text.find(ask).unwrap();
            assert_eq!(turns_to_reader(text, at..at + ask.len()), want, "{text}");
        }
    }

    #[test]
    fn negation_stops_at_a_clause_boundary() {
        let text = "旧的不要打了，加我新的line";
        let at = text.find("加").unwrap();
        assert_eq!(&text[negation_window(text, at..at + 3)], "加");
        let text = "不要加陌生人";
        let at = text.find("加").unwrap();
        assert_eq!(&text[negation_window(text, at..at + 3)], "不要加");
    }

    #[test]
    fn every_link_finding_feeds_a_known_detector() {
        for f in LinkFinding::ALL {
            let name = link_detector(*f);
            assert_eq!(name, format!("link.{}", f.as_str()));
            assert!(pack::DETECTORS.contains(&name), "{name}");
        }
    }

    #[test]
    fn engine_is_send_and_sync() {
        is_send_sync::<Engine>();
    }

    #[test]
    fn a_sentence_runs_between_sentence_ends() {
        let zh = "谨防诈骗！退款已提交。请报验证码";
        let en = "we will never call you. reply at jd.com in 3.5 days.";
        // (text, range, sentence without full stops, sentence with them)
        type Case = (
            &'static str,
            std::ops::Range<usize>,
            (usize, usize),
            (usize, usize),
        );
        let cases: [Case; 6] = [
            (zh, 0..12, (0, 12), (0, 12)),                // 谨防诈骗 → up to the ！
            (zh, 15..21, (15, 30), (15, 30)),             // 退款 → from after ！ to 。
            (zh, 33..36, (33, zh.len()), (33, zh.len())), // 请 → to the end
            (zh, 16..22, (15, 30), (15, 30)), // mid-character offsets widen to whole ones
            // a '.' ends a sentence only before a space or the end
            (en, 3..13, (0, en.len()), (0, 22)), // "will never" → the first full stop
            (en, 24..29, (0, en.len()), (23, en.len() - 1)), // jd.com, 3.5 do not end it
        ];
        for (text, range, without, with) in cases {
            let got = |full_stop| sentence_around(text, range.clone(), full_stop);
            assert_eq!(got(false), without, "{text} {range:?}");
            assert_eq!(got(true), with, "{text} {range:?} with full stops");
        }
    }

    #[test]
    fn precompile_compiles_what_each_search_uses() {
        let engine = Engine::builder().build().unwrap();
        let compiled = |engine: &Engine| {
            engine
                .set_owner
                .iter()
                .enumerate()
                .filter(|&(si, &(ri, pi))| {
                    engine.rules[ri].searches[pi].is_compiled(engine.set.has_starts(si))
                })
                .count()
        };
        assert_eq!(compiled(&engine), 0, "built engines compile on first use");
        engine.precompile();
        assert_eq!(compiled(&engine), engine.set_owner.len());
    }

    #[test]
    fn a_rebuilt_engine_has_the_same_rules_and_nothing_compiled() {
        let pack = include_str!("../tests/packs/extra.toml");
        let engine = Engine::builder()
            .add_pack("extra.toml", pack)
            .unwrap()
            .build()
            .unwrap();
        let messages = [
            "把礼品卡的卡密拍照发我",
            "【京东】您的订单商品质量有问题，可办理退款，请提供银行卡号和验证码",
            "Your code is 5521. Never share it.",
        ];
        let verdicts = |e: &Engine| -> Vec<Verdict> {
            messages
                .iter()
                .map(|m| e.analyze(&Message::new(m)))
                .collect()
        };
        let before = verdicts(&engine);
        engine.precompile();
        let rebuilt = engine.rebuilt();
        assert_eq!(rebuilt.pack_ids(), engine.pack_ids());
        let compiled: Vec<&str> = rebuilt
            .set_owner
            .iter()
            .filter(|&&(ri, pi)| {
                let search = &rebuilt.rules[ri].searches[pi];
                search.is_compiled(true) || search.is_compiled(false)
            })
            .map(|&(ri, _)| &*rebuilt.rules[ri].def.doc.id)
            .collect();
        // Not even the run-time pack's pattern, which building `engine` checked.
        assert!(compiled.is_empty(), "{compiled:?}");
        let after = verdicts(&rebuilt);
        assert_eq!(after, before);
        assert!(after[0]
            .reasons
            .iter()
            .any(|r| &*r.rule_id == "test.gift_card_code"));
    }

    #[test]
    fn every_embedded_pattern_compiles() {
        // The engine trusts the embedded packs and compiles a pattern only when the
        // gate first names it; this is where a pattern too large to compile fails.
        let engine = Engine::builtin();
        for rule in &engine.rules {
            for (pi, search) in rule.searches.iter().enumerate() {
                for anchored in [true, false] {
                    if let Err(e) = search.compile(anchored) {
                        panic!(
                            "{} pattern {pi} (anchored: {anchored}): {e}",
                            rule.def.doc.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn build_rs_gives_the_gate_what_parsing_would() {
        // The default engine takes its patterns' literals from the table build.rs
        // wrote; it must hold exactly what parsing each pattern gives.
        let mut table = embedded_requirements();
        let mut checked = 0;
        for rule in DEFAULT_PACKS.iter().flat_map(|p| &p.rules) {
            let Trigger::Patterns(ps) = &rule.trigger else {
                continue;
            };
            let entry = table.remove(&*rule.doc.id).expect("every embedded rule");
            assert_eq!(entry.len(), ps.len(), "{}", rule.doc.id);
            for ((p, _), (hash, reqs)) in ps.iter().zip(entry) {
                assert_eq!(hash, required::pattern_hash(p), "{}", rule.doc.id);
                let p = ascii_word_boundaries(p);
                assert_eq!(
                    reqs,
                    required::requirements(&p).ok(),
                    "{}: {p}",
                    rule.doc.id
                );
                checked += 1;
            }
        }
        assert!(checked > 200, "only {checked} patterns in the table");
    }

    #[test]
    fn the_gate_names_every_pattern_that_matches_a_rule_example() {
        // Soundness of the literal gate on real rule text: a pattern it leaves out
        // must not match. Every example of every rule, against every pattern.
        let engine = Engine::builtin();
        let docs = engine
            .rules
            .iter()
            .map(|r| &r.def.doc)
            .chain(engine.combos.iter().map(|c| &c.doc));
        let mut anchored_checked = 0;
        for example in docs.flat_map(|d| d.positive.iter().chain(&d.negative)) {
            let text = normalize(&example.text, MAX_ANALYSED_BYTES).text;
            let named = engine.set.candidates(&text);
            for (si, &(ri, pi)) in engine.set_owner.iter().enumerate() {
                let search = &engine.rules[ri].searches[pi];
                assert!(
                    !search.is_match(&text) || named.contains(si),
                    "{} pattern {pi} matches {text:?} but the gate left it out",
                    engine.rules[ri].def.doc.id
                );
            }
            // Searching anchored where a pattern's start literals occur finds the
            // matches an unanchored search finds.
            for (si, starts) in named.with_starts() {
                let Some(starts) = starts else { continue };
                let (ri, pi) = engine.set_owner[si];
                let search = &engine.rules[ri].searches[pi];
                let anchored: Vec<_> = search.matches(&text, Some(starts)).collect();
                let unanchored: Vec<_> = search.matches(&text, None).collect();
                assert_eq!(
                    anchored, unanchored,
                    "{} pattern {pi} in {text:?}",
                    engine.rules[ri].def.doc.id
                );
                anchored_checked += 1;
            }
        }
        assert!(
            anchored_checked > 500,
            "only {anchored_checked} anchored searches checked"
        );
    }

    #[test]
    fn embedded_packs_build_and_their_examples_hold() {
        let failures = Engine::builtin().check_examples();
        let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
        assert!(
            report.is_empty(),
            "{} example failures:\n{}",
            report.len(),
            report.join("\n")
        );
    }
}
