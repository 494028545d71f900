//! How one rule pattern is searched in a text.
//!
//! Most patterns can only match where one of a few literals starts (`(退款|退货)…`
//! starts with 退款 or 退货), and the gate reports where those occur. Such a
//! pattern is searched *anchored* at each of those places, in order, by a
//! forward-only lazy DFA: the first place with a match gives the leftmost match,
//! which is the match an unanchored search finds, and its start is the place
//! itself. An unanchored lazy DFA tracks every place a match might have started,
//! and those sets of places differ from message to message: on messages it had
//! not seen, building those states was most of the engine's cost. Forward-only
//! also halves what is compiled the first time a pattern is needed (no reverse
//! automaton).
//!
//! A pattern that may start anywhere, and any search where the lazy DFA gives up
//! (its cache cleared too often, as on hostile input), uses a full regex.

use crate::required::ascii_word_boundaries;
use once_cell::sync::OnceCell;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::{meta, Anchored, Input, MatchKind};
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};

/// The compiled NFA may use this many bytes, as `regex` allows by default: a pack
/// with a larger pattern is rejected when the engine is built.
const NFA_SIZE_LIMIT: usize = 10 << 20;

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>>;

/// One rule pattern, compiled the first time it is searched.
#[derive(Debug)]
pub(crate) struct PatternSearch {
    /// As written in the pack (rewritten by [`ascii_word_boundaries`] when compiled:
    /// rewriting all ~700 when an engine is built cost 6% of the build).
    pattern: String,
    /// Boxed: a lazy DFA is ~740 bytes, and most patterns are never compiled.
    forward: OnceCell<Box<Forward>>,
    full: OnceCell<meta::Regex>,
}

/// A forward-only lazy DFA for anchored searches, with a cache per thread.
struct Forward {
    dfa: DFA,
    caches: CachePool,
}

impl Forward {
    /// As regex configures its own lazy DFA: give up (and let the full regex
    /// search) when the cache is cleared again and again to little effect.
    fn config() -> regex_automata::hybrid::dfa::Config {
        DFA::config()
            .match_kind(MatchKind::LeftmostFirst)
            .minimum_cache_clear_count(Some(3))
            .minimum_bytes_per_state(Some(10))
    }

    fn build(
        pattern: &str,
        config: regex_automata::hybrid::dfa::Config,
    ) -> Result<Forward, String> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(NFA_SIZE_LIMIT)),
            )
            .build(&ascii_word_boundaries(pattern))
            .map_err(|e| match e.size_limit() {
                Some(limit) => too_large(limit),
                None => e.to_string(),
            })?;
        let dfa = DFA::builder()
            .configure(config)
            .build_from_nfa(nfa)
            .map_err(|e| e.to_string())?;
        let for_pool = dfa.clone();
        let caches: CachePool = Pool::new(Box::new(move || for_pool.create_cache()));
        Ok(Forward { dfa, caches })
    }
}

impl std::fmt::Debug for Forward {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Forward").finish_non_exhaustive()
    }
}

impl PatternSearch {
    /// A pattern as written in a pack, not compiled yet.
    pub(crate) fn new(pattern: String) -> PatternSearch {
        PatternSearch {
            pattern,
            forward: OnceCell::new(),
            full: OnceCell::new(),
        }
    }

    /// Compiles what the pattern's searches will use: the forward automaton if it is
    /// searched `anchored`, else the full regex. Says why the pattern cannot be
    /// compiled (for packs loaded at run time, so a bad one is rejected up front).
    /// The full regex of an anchored pattern, needed only where the lazy DFA gives up,
    /// is compiled then: compiling both for every pattern made loading the default
    /// packs from files 49% slower. Both are built under the same size limit.
    pub(crate) fn compile(&self, anchored: bool) -> Result<(), String> {
        if anchored {
            self.forward().map(|_| ())
        } else {
            self.full().map(|_| ())
        }
    }

    /// Whether what [`PatternSearch::compile`] compiles for `anchored` is compiled.
    #[cfg(test)]
    pub(crate) fn is_compiled(&self, anchored: bool) -> bool {
        if anchored {
            self.forward.get().is_some()
        } else {
            self.full.get().is_some()
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    #[cfg(test)]
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.full().is_ok_and(|re| re.is_match(text))
    }

    /// The matches of the pattern in `text`, leftmost first and not overlapping (as
    /// `find_iter` gives them). `starts`: the places, in increasing order, where its
    /// matches can start, if the gate knows them. A pattern that cannot be compiled
    /// matches nothing (packs are compiled when loaded, so this is only a guard).
    pub(crate) fn matches<'a>(&'a self, text: &'a str, starts: Option<&'a [usize]>) -> Matches<'a> {
        match starts {
            Some(starts) => Matches::Anchored {
                search: self,
                text,
                starts: starts.iter(),
                free: 0,
            },
            None => match self.full() {
                Ok(re) => Matches::Anywhere(re.find_iter(text)),
                Err(_) => Matches::None,
            },
        }
    }

    fn forward(&self) -> Result<&Forward, String> {
        let compiled = self
            .forward
            .get_or_try_init(|| Forward::build(&self.pattern, Forward::config()).map(Box::new));
        compiled.map(|forward| &**forward)
    }

    fn full(&self) -> Result<&meta::Regex, String> {
        self.full.get_or_try_init(|| {
            meta::Regex::builder()
                .configure(meta::Regex::config().nfa_size_limit(Some(NFA_SIZE_LIMIT)))
                .build(&ascii_word_boundaries(&self.pattern))
                .map_err(|e| match (e.syntax_error(), e.size_limit()) {
                    (Some(syntax), _) => syntax.to_string(),
                    (None, Some(limit)) => too_large(limit),
                    (None, None) => e.to_string(),
                })
        })
    }

    /// The match starting exactly at `at`, if any.
    fn anchored_at(&self, text: &str, at: usize) -> Option<Range<usize>> {
        let input = Input::new(text).range(at..).anchored(Anchored::Yes);
        if let Ok(forward) = self.forward() {
            let mut cache = forward.caches.get();
            if let Ok(found) = forward.dfa.try_search_fwd(&mut cache, &input) {
                return found.map(|m| at..m.offset());
            }
        }
        // The lazy DFA gave up (or did not compile): the full regex decides.
        let m = self.full().ok()?.search(&input)?;
        Some(m.range())
    }
}

fn too_large(limit: usize) -> String {
    format!("the compiled pattern exceeds the size limit of {limit} bytes")
}

/// Matches of one pattern in one text (see [`PatternSearch::matches`]).
pub(crate) enum Matches<'a> {
    Anchored {
        search: &'a PatternSearch,
        text: &'a str,
        starts: std::slice::Iter<'a, usize>,
        /// Where the last match ended: the next one cannot start before.
        free: usize,
    },
    Anywhere(meta::FindMatches<'a, 'a>),
    None,
}

impl Iterator for Matches<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        match self {
            Matches::Anchored {
                search,
                text,
                starts,
                free,
            } => {
                for &at in starts.by_ref() {
                    if at < *free {
                        continue;
                    }
                    if let Some(m) = search.anchored_at(text, at) {
                        *free = m.end;
                        return Some(m);
                    }
                }
                None
            }
            Matches::Anywhere(found) => found.next().map(|m| m.range()),
            Matches::None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchored_searches_find_what_an_unanchored_search_finds() {
        let search = PatternSearch::new("a(b+|c)\\b".into());
        let text = "ab abbb abx ac xab";
        // Every place an `a` starts, as the gate would report them.
        let starts: Vec<usize> = text.match_indices('a').map(|(i, _)| i).collect();
        let anchored: Vec<Range<usize>> = search.matches(text, Some(&starts)).collect();
        let unanchored: Vec<Range<usize>> = regex::Regex::new("a(b+|c)(?-u:\\b)")
            .unwrap()
            .find_iter(text)
            .map(|m| m.range())
            .collect();
        assert_eq!(anchored, unanchored);
        assert_eq!(search.matches(text, None).collect::<Vec<_>>(), unanchored);
        // A place inside the previous match is skipped, as find_iter would.
        let overlapping = PatternSearch::new("aa".into());
        let found: Vec<Range<usize>> = overlapping.matches("aaa", Some(&[0, 1, 2])).collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0], 0..2);
    }

    #[test]
    fn where_the_lazy_dfa_gives_up_the_full_regex_finds_the_same_matches() {
        let pattern = "(退款|refund)[^。]{0,30}(链接|link)";
        // A lazy DFA told to quit at every space fails each search that reads one,
        // as it fails when it gives up on hostile input.
        let quitting = Forward::build(pattern, Forward::config().quit(b' ', true)).unwrap();
        let text = "退款请点 link。refund 点击链接。退款链接";
        let starts: Vec<usize> = ["退款", "refund"]
            .iter()
            .flat_map(|lit| text.match_indices(lit).map(|(i, _)| i))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let input = Input::new(text).range(starts[0]..).anchored(Anchored::Yes);
        let failed = quitting
            .dfa
            .try_search_fwd(&mut quitting.caches.get(), &input);
        assert!(
            failed.is_err(),
            "the lazy DFA must fail for this test: {failed:?}"
        );

        let search = PatternSearch::new(pattern.into());
        assert!(search.forward.set(Box::new(quitting)).is_ok());
        let found: Vec<Range<usize>> = search.matches(text, Some(&starts)).collect();
        let expected: Vec<Range<usize>> = regex::Regex::new(pattern)
            .unwrap()
            .find_iter(text)
            .map(|m| m.range())
            .collect();
        assert_eq!(expected.len(), 3);
        assert_eq!(found, expected);
    }

    #[test]
    fn a_pattern_too_large_to_compile_says_so() {
        let search = PatternSearch::new("(.{0,1000}){0,1000}".into());
        for anchored in [true, false] {
            let error = search.compile(anchored).unwrap_err();
            assert!(error.contains("size limit"), "{error}");
        }
        assert_eq!(search.matches("abc", None).count(), 0);
        assert_eq!(search.matches("abc", Some(&[0])).count(), 0);
    }
}
