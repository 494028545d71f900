//! # smishguard-core
//!
//! On-device detection of SMS refund scams and verification-code theft, with
//! explained verdicts. Pure Rust, no I/O, no network: the JNI bridge and the CLI
//! are thin layers over this crate.
//!
//! ## Usage
//! ```
//! use smishguard_core::{Engine, Level, Message};
//!
//! let engine = Engine::builtin(); // the embedded default rule packs
//! let verdict = engine.analyze(
//!     &Message::new("【淘宝】您购买的商品有质量问题，我们将为您办理退款，请点击 tb-refund.cc 填写银行卡信息")
//!         .with_sender("17012345678"),
//! );
//! assert_eq!(verdict.level, Level::Dangerous);
//! for reason in &verdict.reasons {
//!     println!("{}: {}", reason.rule_id, reason.explanation.en);
//! }
//!
//! let otp = engine.analyze(&Message::new("【招商银行】验证码483920，用于登录，请勿泄露。").with_sender("95555"));
//! assert_eq!(otp.level, Level::Safe);
//! assert_eq!(otp.otp.unwrap().code, "483920");
//! ```
//!
//! ## How a verdict is reached
//! 1. The body is [normalised](#normalisation) and links, the sender and any one-time
//!    code are analysed.
//! 2. Rules fire: pattern rules on the normalised text, detector rules on the facts
//!    from step 1. Each rule belongs to a [`Category`].
//! 3. The score is the sum, over categories, of the strongest rule in each (repeating
//!    one kind of evidence does not add up), plus the weights of the *combinations*
//!    that hold. Score ≥ [`SUSPICIOUS_SCORE`] is suspicious, ≥ [`DANGEROUS_SCORE`]
//!    dangerous; a combination may also set a minimum level. So a refund notice alone
//!    stays safe, while a refund story plus a lookalike link or a code request is
//!    dangerous.
//! 4. A message the rules found a little suspect (score ≥ 15) but left safe, that is
//!    not a one-time code and is long enough to judge, is weighed by the
//!    [wording model](#wording-model): if it reads enough like a scam it becomes
//!    suspicious, with the reason `wording.reads_like_scam`. The model never makes a
//!    message dangerous and never flags one no rule noticed.
//!
//! ## Rule packs
//! Rules are data: TOML files in the repository's `rules/` folder, embedded at build
//! time so [`Engine::builtin`] works with zero configuration. More packs can be added
//! at run time with [`EngineBuilder::add_pack`]; a pack with the id of an existing one
//! replaces it. Every rule has an id, a category, a weight, patterns or a detector,
//! an explanation in Chinese and English, and positive and negative examples that
//! [`Engine::check_examples`] verifies. `rules/README.md` documents the format.
//! A malformed pack is rejected as a whole with an [`Error`] naming the file, line and
//! rule id; engines are immutable, so whatever engine the caller holds stays in force.
//!
//! ## Wording model
//! Rules recognise what a scam *asks for*; a scam one signal short of the line is
//! often still written like one. [`WordingModel`] is a logistic regression over the
//! one- to three-character n-grams of the normalised text, stored as data in
//! `rules/wording.tsv` (an n-gram and its weight per line) and embedded like the
//! packs. `smishguard train FILE.tsv...` fits one from labelled messages;
//! [`EngineBuilder::wording_model`] uses another, [`EngineBuilder::without_wording_model`]
//! none. Because it can only lift a message the rules already noticed, its false
//! alarms stay few: on the public personal-chat datasets 0.08–0.09% of messages
//! (docs/accuracy.md).
//!
//! ## Normalisation
//! Zero-width characters are removed, full-width forms folded to ASCII, text
//! lower-cased, traditional Chinese folded to simplified for the rules' vocabulary,
//! separators inside Chinese words dropped (`退-款`, `验 证 码`) and spaced letters
//! joined (`r e f u n d`). Evidence spans are byte offsets into the *original* body.
//!
//! ## Performance
//! A literal gate names the few rule patterns whose required words occur in a
//! message (one pass, no per-message construction); only those run their own regex,
//! compiled the first time the gate names it, which confirms the match and locates
//! the evidence, anchored at the places where the pattern's start literals occur.
//! Regexes run as lazy DFAs that build states while searching, so a message never
//! seen before costs more than a repeated one: about 35 µs against about 12 µs on
//! the project's machine. Brand names are found by a literal index like the gate's.
//! The default engine builds in a few
//! milliseconds: `build.rs` lists, at compile time, the literals the gate needs from
//! the embedded packs' patterns; a pack added at run time has its patterns parsed
//! and compiled when the engine is built. [`Engine::precompile`] compiles every
//! pattern up front (~0.2 s, on a background thread) for flatter latency.
//! The wording model is read the first time a message needs it (~2 ms, or in
//! `precompile`) and costs a message it weighs one pass over its n-grams: about 3%
//! of the average cost.
//!
//! The lazy DFAs keep the states they build, so memory grows with the variety of
//! text analysed (~13 MB more after 100 distinct messages, ~76 MB after 5,000); replace a
//! long-lived engine with [`Engine::rebuilt`] to start afresh. `smishguard bench
//! [FILE...]` measures speed, `cargo bench -p smishguard-core` the repeated case and
//! the build (docs/performance.md).
//!
//! ## Untrusted input
//! Message bodies and rule packs are untrusted. Regex matching is linear in the
//! input; only the first [`MAX_ANALYSED_BYTES`] of a body are examined (the verdict
//! says `truncated`), links per message are capped, and no input makes
//! [`Engine::analyze`] panic or fail. Packs are validated before use.
//!
//! ## Privacy
//! The crate does no I/O and logs nothing; message bodies never leave the caller.
#![deny(missing_docs)]

mod brands;
mod engine;
mod error;
mod hant;
mod links;
mod normalize;
mod otp;
mod pack;
mod patterns;
mod required;
mod search;
mod sender;
mod verdict;
mod wording;

pub use engine::{
    Engine, EngineBuilder, ExampleFailure, Message, PackWarning, DANGEROUS_SCORE,
    MAX_ANALYSED_BYTES, SUSPICIOUS_SCORE,
};
pub use error::{Error, ErrorKind};
pub use verdict::{
    Category, Explanation, Level, Link, LinkFinding, Otp, OtpPurpose, Reason, SenderKind, Span,
    Verdict,
};
pub use wording::{TrainOptions, WordingModel};
