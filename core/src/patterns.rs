//! Which rule patterns occur in a text, and where brand names are, with forward-only
//! lazy DFAs.
//!
//! `regex::RegexSet` would do the same search, but it also compiles a reverse NFA
//! and capture states that a "which patterns match" question never uses; building
//! only the forward automaton without captures is most of the engine's build time
//! saved. The lazy DFA never gives up here (no Unicode word boundaries: the engine
//! rewrites `\b` to ASCII, and the cache may be cleared as often as needed), so the
//! search is always linear in the text.
//!
//! The set is a *prefilter*: a pattern it reports may still not match, and the
//! engine confirms each with the rule's own regex (which it runs anyway, to find the
//! evidence). That allows a much cheaper automaton: a gap `.{0,12}` ("up to 12
//! characters") is compiled as "any bytes but a newline" (`(?-u:[^\n])*`), never
//! narrower than the real gap, one state instead of a UTF-8 decoder per repetition.
//!
//! A lazy DFA builds its states while it searches, and every new message brings new
//! states: on a stream of distinct messages that construction, not the search, is
//! the cost, and it grows with the number of patterns in one automaton (each new
//! state is a closure over all of them). So the patterns are split into chunks of
//! [`CHUNK`], one automaton each, searched one after the other. Instructions per
//! message under callgrind (800 distinct messages / the repeated bench mix): one
//! automaton with exact gaps (before) 14.9M / 40k; chunks of 48: 7.2M / 53k; of 24: 4.2M / 66k; of 12:
//! 2.9M / 91k. A phone sees distinct messages, so the first figure decides.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind, PatternSet};
use std::panic::{RefUnwindSafe, UnwindSafe};

/// Patterns per automaton (see the module docs).
const CHUNK: usize = 12;

/// Per-thread search state, created on demand by a pool.
type ScratchPool<T> = Pool<T, Box<dyn Fn() -> T + Send + Sync + UnwindSafe + RefUnwindSafe>>;

/// All rule patterns of an engine, searched in one pass.
pub(crate) struct Patterns {
    /// Per chunk: the index of its first pattern, and its automaton.
    chunks: Vec<(usize, DFA)>,
    /// Per thread: a cache and a found-set per chunk.
    scratch: ScratchPool<Vec<(Cache, PatternSet)>>,
    len: usize,
}

impl std::fmt::Debug for Patterns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Patterns").field("len", &self.len).finish()
    }
}

impl Patterns {
    /// Compiles `patterns` (regex syntax, already ASCII-word-bounded). Errors carry no
    /// position: the caller finds the culprit by compiling patterns one by one.
    pub(crate) fn new(patterns: &[String]) -> Result<Patterns, String> {
        let widened: Vec<String> = patterns.iter().map(|p| byte_gaps(p)).collect();
        let mut chunks = Vec::new();
        for (ci, part) in widened.chunks(CHUNK).enumerate() {
            let dfa = DFA::builder()
                .configure(
                    DFA::config()
                        .match_kind(MatchKind::All)
                        // Caches only grow as used; this is a ceiling.
                        .cache_capacity(16 << 20)
                        .minimum_cache_clear_count(None),
                )
                // Byte classes may match inside a character: fine for a prefilter.
                .syntax(regex_automata::util::syntax::Config::new().utf8(false))
                .thompson(
                    thompson::Config::new()
                        .which_captures(thompson::WhichCaptures::None)
                        .nfa_size_limit(Some(64 << 20)),
                )
                .build_many(part)
                .map_err(|e| e.to_string())?;
            chunks.push((ci * CHUNK, dfa));
        }
        let for_pool: Vec<DFA> = chunks.iter().map(|(_, d)| d.clone()).collect();
        let scratch = Pool::new(Box::new(move || {
            for_pool
                .iter()
                .map(|d| (d.create_cache(), PatternSet::new(d.pattern_len())))
                .collect()
        })
            as Box<
                dyn Fn() -> Vec<(Cache, PatternSet)> + Send + Sync + UnwindSafe + RefUnwindSafe,
            >);
        Ok(Patterns {
            chunks,
            scratch,
            len: patterns.len(),
        })
    }

    /// Indices of the patterns that may match somewhere in `text` (a superset of those
    /// that do), in increasing order. `None` if a search could not finish (it cannot
    /// with this configuration; the caller then tests each pattern on its own).
    pub(crate) fn matching(&self, text: &str) -> Option<Vec<usize>> {
        let mut s = self.scratch.get();
        let mut out = Vec::new();
        for ((first, dfa), (cache, found)) in self.chunks.iter().zip(s.iter_mut()) {
            found.clear();
            dfa.try_which_overlapping_matches(cache, &Input::new(text), found)
                .ok()?;
            out.extend(found.iter().map(|p| first + p.as_usize()));
        }
        Some(out)
    }

    /// How many patterns there are.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

/// Rewrites every `.` outside a class as a byte gap at least as wide: `.` →
/// `(?-u:[^\n]){1,4}` (a character is 1–4 bytes), `.{m,n}` → `(?-u:[^\n]){m,}`; a `.`
/// followed by `*`, `+` or `?` keeps that operator. Escapes and classes are copied.
fn byte_gaps(pattern: &str) -> String {
    const BYTE: &str = "(?-u:[^\\n])";
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    let mut in_class = 0usize;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '\\' => {
                out.push(c);
                if let Some(e) = rest.chars().next() {
                    out.push(e);
                    rest = &rest[e.len_utf8()..];
                }
            }
            '[' => {
                in_class += 1;
                out.push(c);
            }
            ']' if in_class > 0 => {
                in_class -= 1;
                out.push(c);
            }
            '.' if in_class == 0 => {
                out.push_str(BYTE);
                match bounds(rest) {
                    // Unbounded: bounded byte gaps multiply the lazy DFA's states.
                    Some((m, _, len)) => {
                        out.push_str(&format!("{{{m},}}"));
                        rest = &rest[len..];
                    }
                    None if rest.starts_with(['*', '+', '?']) => {}
                    None => out.push_str("{1,4}"),
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// A `{m,n}` or `{n}` bound at the start of `s`: (m, n, its length in bytes).
fn bounds(s: &str) -> Option<(u32, u32, usize)> {
    let body = s.strip_prefix('{')?;
    let close = body.find('}')?;
    let inner = &body[..close];
    let (m, n) = match inner.split_once(',') {
        Some((m, n)) => (m.parse().ok()?, n.parse().ok()?),
        None => {
            let n = inner.parse().ok()?;
            (n, n)
        }
    };
    Some((m, n, close + 2))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_become_wider_byte_gaps() {
        let cases = [
            ("退款.{0,12}链接", "退款(?-u:[^\\n]){0,}链接"),
            ("a.b", "a(?-u:[^\\n]){1,4}b"),
            ("x.{3}y", "x(?-u:[^\\n]){3,}y"),
            ("[.]{0,2}", "[.]{0,2}"),
            ("\\.com.*", "\\.com(?-u:[^\\n])*"),
            ("[^.a]", "[^.a]"),
        ];
        for (from, to) in cases {
            assert_eq!(byte_gaps(from), to, "{from}");
        }
    }

    #[test]
    fn indices_are_global_across_chunks() {
        let patterns: Vec<String> = (0..CHUNK * 2 + 5).map(|i| format!("w{i}x")).collect();
        let set = Patterns::new(&patterns).unwrap();
        let last = patterns.len() - 1;
        let text = format!("a w3x and w{}x and w{last}x", CHUNK + 1);
        assert_eq!(set.matching(&text).unwrap(), vec![3, CHUNK + 1, last]);
        assert_eq!(set.len(), patterns.len());
    }

    #[test]
    fn prefilter_reports_every_pattern_the_exact_regex_matches() {
        let patterns: Vec<String> = ["退款.{0,4}链接", "(?-u:\\b)code.{0,3}me", "a.c"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let set = Patterns::new(&patterns).unwrap();
        for text in [
            "退款请点击链接",
            "退款點擊的链接",
            "send code to me",
            "abc",
            "a退c",
            "x",
        ] {
            let exact: Vec<usize> = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| regex::Regex::new(p).unwrap().is_match(text))
                .map(|(i, _)| i)
                .collect();
            let found = set.matching(text).unwrap();
            assert!(
                exact.iter().all(|i| found.contains(i)),
                "{text}: {found:?} ⊉ {exact:?}"
            );
        }
    }
}
