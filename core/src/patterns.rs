//! Which rule patterns occur in a text, and where brand names are: each a set of
//! patterns compiled together into one forward-only lazy DFA.
//!
//! `regex::RegexSet` would do the same search, but it also compiles a reverse NFA
//! and capture states that a "which patterns match" question never uses; building
//! only the forward automaton without captures is most of the engine's build time
//! saved. The lazy DFA never gives up here (no Unicode word boundaries: the engine
//! rewrites `\b` to ASCII, and the cache may be cleared as often as needed), so the
//! search is always linear in the text.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind, PatternSet};
use std::panic::{RefUnwindSafe, UnwindSafe};

/// Per-thread search state, created on demand by a pool.
type ScratchPool<T> = Pool<T, Box<dyn Fn() -> T + Send + Sync + UnwindSafe + RefUnwindSafe>>;

/// Per-thread search state: the DFA's cache and the set of patterns found.
struct Scratch {
    cache: Cache,
    found: PatternSet,
}

/// All rule patterns of an engine, searched in one pass.
pub(crate) struct Patterns {
    dfa: DFA,
    scratch: ScratchPool<Scratch>,
}

impl std::fmt::Debug for Patterns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Patterns")
            .field("len", &self.dfa.pattern_len())
            .finish()
    }
}

impl Patterns {
    /// Compiles `patterns` (regex syntax, already ASCII-word-bounded). Errors carry no
    /// position: the caller finds the culprit by compiling patterns one by one.
    pub(crate) fn new(patterns: &[String]) -> Result<Patterns, String> {
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    // Hundreds of patterns need a roomy cache; it only grows as used.
                    .cache_capacity(64 << 20)
                    .minimum_cache_clear_count(None),
            )
            .thompson(
                thompson::Config::new()
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(64 << 20)),
            )
            .build_many(patterns)
            .map_err(|e| e.to_string())?;
        let for_pool = dfa.clone();
        let scratch = Pool::new(Box::new(move || Scratch {
            cache: for_pool.create_cache(),
            found: PatternSet::new(for_pool.pattern_len()),
        })
            as Box<dyn Fn() -> Scratch + Send + Sync + UnwindSafe + RefUnwindSafe>);
        Ok(Patterns { dfa, scratch })
    }

    /// Indices of the patterns that match somewhere in `text`, in increasing order.
    /// `None` if the search could not finish (it cannot with this configuration; the
    /// caller then tests each pattern on its own).
    pub(crate) fn matching(&self, text: &str) -> Option<Vec<usize>> {
        let mut s = self.scratch.get();
        let Scratch { cache, found } = &mut *s;
        found.clear();
        self.dfa
            .try_which_overlapping_matches(cache, &Input::new(text), found)
            .ok()?;
        Some(found.iter().map(|p| p.as_usize()).collect())
    }

    /// How many patterns there are.
    pub(crate) fn len(&self) -> usize {
        self.dfa.pattern_len()
    }
}

/// Literal strings (brand aliases) found left to right, the first listed winning where
/// several start at the same place, as in a regex alternation. A forward search gives a
/// match's end and which literal it is; its start is then known without the reverse
/// search a regex would run.
pub(crate) struct Literals {
    dfa: DFA,
    lens: Vec<usize>,
    caches: ScratchPool<Cache>,
}

impl std::fmt::Debug for Literals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Literals")
            .field("len", &self.lens.len())
            .finish()
    }
}

impl Literals {
    /// Compiles `literals` (non-empty), in priority order.
    pub(crate) fn new<S: AsRef<str>>(literals: &[S]) -> Result<Literals, String> {
        let escaped: Vec<String> = literals.iter().map(|l| regex::escape(l.as_ref())).collect();
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::LeftmostFirst)
                    .minimum_cache_clear_count(None),
            )
            .thompson(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build_many(&escaped)
            .map_err(|e| e.to_string())?;
        let for_pool = dfa.clone();
        let caches = Pool::new(Box::new(move || for_pool.create_cache())
            as Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>);
        Ok(Literals {
            dfa,
            lens: literals.iter().map(|l| l.as_ref().len()).collect(),
            caches,
        })
    }

    /// Up to `limit` non-overlapping matches as (literal index, byte range), in order.
    pub(crate) fn find_all(
        &self,
        text: &str,
        limit: usize,
    ) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut cache = self.caches.get();
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() && out.len() < limit {
            let input = Input::new(text).span(at..text.len());
            let Ok(Some(m)) = self.dfa.try_search_fwd(&mut cache, &input) else {
                break;
            };
            let (id, end) = (m.pattern().as_usize(), m.offset());
            let start = end - self.lens[id];
            out.push((id, start..end));
            at = end;
        }
        out
    }
}
