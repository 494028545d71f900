//! Which rule patterns can occur in a text, and where brand names are.
//!
//! **The gate.** Every match of `(退款|退货).{0,12}(链接|网址)` starts with `退款` or
//! `退货` and ends with `链接` or `网址`. `regex-syntax` lists such literal sets for each branch of a
//! pattern's top-level alternation (the literals it starts with, ends with, and
//! that each part of it starts with; the most selective few are kept). One pass over
//! the text finds which literals occur ([`LiteralIndex`]); a pattern is a candidate
//! when one of its branches has a literal of each of its sets. Only candidates run
//! their own regex, which the engine runs anyway to find the evidence. The gate is
//! sound (a pattern it leaves out cannot match; a test checks this on every rule
//! example) and names about 3 patterns per message where about 2 match. For a
//! pattern whose matches all start with one of a few literals (most of them), the
//! same pass records where those occur: the engine searches only there
//! (`search.rs`), and a candidate none of whose start literals occurs is dropped.
//!
//! Why not a lazy DFA over all patterns (`RegexSet`, or the `regex-automata` hybrid
//! DFAs this module used before): a lazy DFA builds its states while it searches,
//! every new message brings new states, and each state is a closure over hundreds
//! of patterns. On distinct messages that construction was nearly all the cost
//! (2.9M instructions per message). The literal index is built once, with the
//! engine, and costs the same for every message, new or not.

use crate::required::{self, Requirements};
use regex_automata::util::pool::Pool;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};

/// Hashes short keys that come from the packs, never from messages: detector names
/// (looked up several times per message) and the gate's literals (~11,000 lookups
/// while an engine is built). SipHash, std's default, cost ~100 instructions a
/// lookup and a fifth of the engine build. A pack that collides on purpose can only
/// slow its own build down.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by pack data (see [`KeyHasher`]).
pub(crate) type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// Per-thread search state, created on demand by a pool.
type ScratchPool<T> = Pool<T, Box<dyn Fn() -> T + Send + Sync + UnwindSafe + RefUnwindSafe>>;

/// The literal gate in front of all rule patterns of an engine (see the module docs).
pub(crate) struct Patterns {
    literals: LiteralIndex,
    /// Per literal: the range of `keyed` naming the branches whose key set holds it.
    literal_keys: Vec<(u32, u32)>,
    keyed: Vec<u32>,
    branches: Vec<Branch>,
    /// The sets of all branches other than their keys: ranges of `set_literals`.
    other_sets: Vec<(u32, u32)>,
    set_literals: Vec<u32>,
    /// Patterns with a branch that needs nothing: always candidates.
    always: Vec<usize>,
    /// Per pattern, the literals its matches start with (a range of `start_literals`),
    /// if it has such a list.
    starts: Vec<Option<(u32, u32)>>,
    start_literals: Vec<u32>,
    /// Per literal, whether some pattern's matches start with it.
    is_start: Vec<bool>,
    /// Per-thread tables of what a text has woken, reused from message to message.
    scratch: ScratchPool<GateScratch>,
}

/// A branch of a pattern's top-level alternation. It needs a literal of each of its
/// sets; one of them, its key, wakes it, and the others are checked only then. The
/// key is the set whose most-used literal is in the fewest sets: a common word such
/// as 您 is in fifty, and updating all fifty branches on every message it occurs in
/// was most of the gate's work.
#[derive(Clone, Copy)]
struct Branch {
    pattern: u32,
    /// Its sets other than the key: a range of `other_sets`.
    others: (u32, u32),
}

/// What [`Patterns::candidates`] has seen in the current text (~40 KB per thread
/// with the default packs). Entries carry the stamp of the call that wrote them,
/// so nothing is cleared between messages: allocating and zeroing the tables for
/// every message cost ~3.5k instructions, a fifth of the gate.
#[derive(Clone)]
struct GateScratch {
    /// Stamp of the current call, 1 ..= [`STAMP_LIMIT`].
    stamp: u32,
    /// Per literal: the stamp of the last call that saw it.
    seen: Vec<u32>,
    /// Per branch: the stamp of the last call that woke it.
    woken_at: Vec<u32>,
    /// The branches woken in this call.
    woken: Vec<u32>,
    /// Occurrences of start literals in this call: (position, index of the previous
    /// occurrence of the same literal or `u32::MAX`).
    occurrences: Vec<(u32, u32)>,
    /// Per literal: its last entry in `occurrences` (valid where `seen` is stamped).
    last_occurrence: Vec<u32>,
}

/// At this stamp the tables are cleared and stamps start again.
const STAMP_LIMIT: u32 = u32::MAX;

impl GateScratch {
    fn next_call(&mut self) -> u32 {
        if self.stamp == STAMP_LIMIT {
            self.seen.fill(0);
            self.woken_at.fill(0);
            self.stamp = 0;
        }
        self.stamp += 1;
        self.stamp
    }
}

impl std::fmt::Debug for Patterns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Patterns")
            .field("branches", &self.branches.len())
            .field("literals", &self.literal_keys.len())
            .finish()
    }
}

/// A pattern as the gate takes it.
pub(crate) enum Gated {
    /// Its requirements, as `build.rs` computed them for an embedded pack.
    Known(Requirements),
    /// Its text (regex syntax, already ASCII-word-bounded), parsed by [`Patterns::new`].
    Text(String),
}

impl Patterns {
    /// Indexes the literals of `patterns`. A pattern the parser rejects gives its
    /// index and the parser's message.
    pub(crate) fn new(patterns: Vec<Gated>) -> Result<Patterns, (usize, String)> {
        // Sized for the default packs (~16 distinct literals a pattern), so the map
        // is not rehashed as it grows.
        let mut literal_ids: KeyMap<required::Literal, u32> =
            KeyMap::with_capacity_and_hasher(patterns.len() * 16, Default::default());
        // Per branch: its pattern and its sets as literal ids.
        let mut branch_sets: Vec<(u32, Vec<Vec<u32>>)> = Vec::new();
        let mut always = Vec::new();
        let mut pattern_starts: Vec<Option<Vec<u32>>> = Vec::with_capacity(patterns.len());
        for (pi, p) in patterns.into_iter().enumerate() {
            let reqs = match p {
                Gated::Known(reqs) => reqs,
                Gated::Text(p) => required::requirements(&p).map_err(|e| (pi, e))?,
            };
            pattern_starts.push(reqs.starts.map(|lits| {
                lits.into_iter()
                    .map(|lit| {
                        let next = literal_ids.len() as u32;
                        *literal_ids.entry(lit).or_insert(next)
                    })
                    .collect::<Vec<u32>>()
            }));
            for sets in reqs.branches {
                if sets.is_empty() {
                    if always.last() != Some(&pi) {
                        always.push(pi);
                    }
                    continue;
                }
                let sets = sets
                    .into_iter()
                    .map(|lits| {
                        lits.into_iter()
                            .map(|lit| {
                                let next = literal_ids.len() as u32;
                                *literal_ids.entry(lit).or_insert(next)
                            })
                            .collect()
                    })
                    .collect();
                branch_sets.push((pi as u32, sets));
            }
        }
        let mut by_id = vec![required::Literal::Borrowed(&[]); literal_ids.len()];
        for (lit, id) in literal_ids {
            by_id[id as usize] = lit;
        }
        // How many sets each literal is in: what waking on it costs, and a sign of
        // how common it is in messages.
        let mut serves = vec![0u32; by_id.len()];
        for id in branch_sets
            .iter()
            .flat_map(|(_, sets)| sets.iter().flatten())
        {
            serves[*id as usize] += 1;
        }
        let mut literal_branches: Vec<Vec<u32>> = vec![Vec::new(); by_id.len()];
        let mut branches = Vec::with_capacity(branch_sets.len());
        let mut other_sets = Vec::new();
        let mut set_literals = Vec::new();
        for (bi, (pattern, mut sets)) in branch_sets.into_iter().enumerate() {
            let cost = |set: &Vec<u32>| set.iter().map(|&id| serves[id as usize]).max();
            let key = (0..sets.len()).min_by_key(|&k| cost(&sets[k])).unwrap_or(0);
            for &id in &sets.swap_remove(key) {
                literal_branches[id as usize].push(bi as u32);
            }
            let start = other_sets.len() as u32;
            for set in sets {
                let from = set_literals.len() as u32;
                set_literals.extend(set);
                other_sets.push((from, set_literals.len() as u32));
            }
            branches.push(Branch {
                pattern,
                others: (start, other_sets.len() as u32),
            });
        }
        let mut keyed = Vec::new();
        let mut literal_keys = Vec::with_capacity(literal_branches.len());
        for b in literal_branches {
            let start = keyed.len() as u32;
            keyed.extend(b);
            literal_keys.push((start, keyed.len() as u32));
        }
        let mut is_start = vec![false; by_id.len()];
        let mut start_literals = Vec::new();
        let starts = pattern_starts
            .into_iter()
            .map(|ids| {
                let ids = ids?;
                let from = start_literals.len() as u32;
                for &id in &ids {
                    is_start[id as usize] = true;
                }
                start_literals.extend(ids);
                Some((from, start_literals.len() as u32))
            })
            .collect();
        let empty = GateScratch {
            stamp: 0,
            seen: vec![0; literal_keys.len()],
            woken_at: vec![0; branches.len()],
            woken: Vec::new(),
            occurrences: Vec::new(),
            last_occurrence: vec![0; literal_keys.len()],
        };
        Ok(Patterns {
            literals: LiteralIndex::new(&by_id),
            literal_keys,
            keyed,
            branches,
            other_sets,
            set_literals,
            always,
            starts,
            start_literals,
            is_start,
            scratch: Pool::new(Box::new(move || empty.clone())),
        })
    }

    /// Whether the matches of pattern `p` can only start at literals the gate
    /// reports (so it is searched anchored, see [`Candidates::with_starts`]).
    pub(crate) fn has_starts(&self, p: usize) -> bool {
        self.starts[p].is_some()
    }

    /// The patterns that may match somewhere in `text` (a superset of those that do),
    /// and where their matches may start.
    pub(crate) fn candidates(&self, text: &str) -> Candidates {
        // Room for a typical message's candidates, so pushing them does not regrow.
        let mut out = Vec::with_capacity(self.always.len() + 32);
        out.extend_from_slice(&self.always);
        let mut scratch = self.scratch.get();
        let stamp = scratch.next_call();
        let GateScratch {
            seen,
            woken_at,
            woken,
            occurrences,
            last_occurrence,
            ..
        } = &mut *scratch;
        occurrences.clear();
        // First every literal of the text, waking the branches it is a key of.
        self.literals.each_occurrence(text, &mut |id, at| {
            if self.is_start[id] {
                let previous = if seen[id] == stamp {
                    last_occurrence[id]
                } else {
                    u32::MAX
                };
                last_occurrence[id] = occurrences.len() as u32;
                occurrences.push((at as u32, previous));
            }
            // A literal counts once however often it occurs.
            if seen[id] == stamp {
                return;
            }
            seen[id] = stamp;
            let (from, to) = self.literal_keys[id];
            for &b in &self.keyed[from as usize..to as usize] {
                if woken_at[b as usize] != stamp {
                    woken_at[b as usize] = stamp;
                    woken.push(b);
                }
            }
        });
        // Then whether each woken branch has a literal of each of its other sets.
        for b in woken.drain(..) {
            let branch = self.branches[b as usize];
            let (from, to) = branch.others;
            let complete = self.other_sets[from as usize..to as usize]
                .iter()
                .all(|&(f, t)| {
                    self.set_literals[f as usize..t as usize]
                        .iter()
                        .any(|&id| seen[id as usize] == stamp)
                });
            if complete {
                out.push(branch.pattern as usize);
            }
        }
        out.sort_unstable();
        out.dedup();
        // Where each candidate's matches may start: the places its start literals
        // occur. None of them: it cannot match, and is left out.
        let mut positions = Vec::new();
        let mut patterns = Vec::with_capacity(out.len());
        for p in out {
            let Some((from, to)) = self.starts[p] else {
                patterns.push((p, None));
                continue;
            };
            let first = positions.len();
            for &id in &self.start_literals[from as usize..to as usize] {
                if seen[id as usize] != stamp {
                    continue;
                }
                let mut at = last_occurrence[id as usize];
                while at != u32::MAX {
                    let (position, previous) = occurrences[at as usize];
                    positions.push(position as usize);
                    at = previous;
                }
            }
            if positions.len() > first {
                positions[first..].sort_unstable();
                let mut kept = first;
                for i in first..positions.len() {
                    if i == first || positions[i] != positions[kept - 1] {
                        positions[kept] = positions[i];
                        kept += 1;
                    }
                }
                positions.truncate(kept);
                patterns.push((p, Some((first as u32, positions.len() as u32))));
            }
        }
        Candidates {
            patterns,
            positions,
        }
    }
}

/// What [`Patterns::candidates`] found in a text.
pub(crate) struct Candidates {
    /// Candidate patterns in increasing order, each with where its matches may start
    /// (a range of `positions`), or `None` if anywhere.
    patterns: Vec<(usize, Option<(u32, u32)>)>,
    positions: Vec<usize>,
}

impl Candidates {
    /// The candidate patterns, in increasing order.
    #[cfg(test)]
    pub(crate) fn patterns(&self) -> impl Iterator<Item = usize> + '_ {
        self.patterns.iter().map(|&(p, _)| p)
    }

    /// Each candidate pattern with the byte offsets its matches may start at, in
    /// increasing order (`None`: anywhere).
    pub(crate) fn with_starts(&self) -> impl Iterator<Item = (usize, Option<&[usize]>)> + '_ {
        self.patterns.iter().map(|&(p, starts)| {
            (
                p,
                starts.map(|(f, t)| &self.positions[f as usize..t as usize]),
            )
        })
    }

    /// Whether pattern `p` is a candidate.
    #[cfg(test)]
    pub(crate) fn contains(&self, p: usize) -> bool {
        self.patterns.binary_search_by_key(&p, |&(q, _)| q).is_ok()
    }
}

/// Finds which of many short literals occur in a text. Literals are at most eight
/// bytes ([`required::LITERAL_BYTES`]), so one is an integer and a length. At every character
/// start the scan reads the next eight bytes as one integer, looks up which lengths
/// of literal start with its first two bytes, filters three- and four-byte starts on
/// a hash, and compares the few literals filed under the first one, two, three or
/// four bytes with a mask. A few dozen instructions per character, nothing built per
/// message, and almost nothing to build with the engine.
struct LiteralIndex {
    /// Literals of 1, 2, 3 and ≥ 4 bytes, by their first (up to) four bytes.
    by_len: [Buckets; 4],
    /// By a position's first two bytes (a one-byte literal is filed under its byte
    /// with every second byte), which lengths of literal (bit `n - 1` for `n` = 1, 2,
    /// 3, ≥ 4 bytes) start there: one lookup, and most positions are done (−4%
    /// instructions a message on the repeated mix, −2% on distinct messages,
    /// against four bit filters per position).
    lengths_by_prefix: Box<[u8; 1 << 16]>,
    /// A 16-bit hash of the first three or four bytes of each longer literal. (Two
    /// bytes alone let nearly every Chinese character through to the tables: its
    /// first two bytes are shared by 64 others.)
    three: Bits,
    four: Bits,
}

/// A set of 16-bit keys. A fixed-size array, so the masked index needs no bounds check.
struct Bits(Box<[u64; 1 << 10]>);

impl Bits {
    fn new() -> Bits {
        Bits(Box::new([0; 1 << 10]))
    }
    fn insert(&mut self, key: u32) {
        self.0[(key >> 6) as usize & 1023] |= 1 << (key & 63);
    }
    fn contains(&self, key: u32) -> bool {
        self.0[(key >> 6) as usize & 1023] & (1 << (key & 63)) != 0
    }
}

/// Literals grouped by hash: bucket `h` is `entries[starts[h]..starts[h + 1]]`.
struct Buckets {
    bits: u32,
    starts: Vec<u32>,
    /// Each literal where its bucket is read, so a probe compares without looking
    /// anything else up.
    entries: Vec<Entry>,
}

/// A literal as a probe compares it: the eight bytes at a position, masked to the
/// literal's length, equal `word`. (Past the end of the text the bytes read as
/// zeros, so a literal that ends in zero bytes may be reported there: the gate
/// only has to name every candidate, and the regex decides.)
#[derive(Clone, Copy, Default)]
struct Entry {
    word: u64,
    mask: u64,
    id: u32,
}

impl Buckets {
    fn new(keyed: &[(u32, Entry)]) -> Buckets {
        let bits = (keyed.len() * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(1);
        let mut starts = vec![0u32; (1 << bits) + 1];
        for &(key, _) in keyed {
            starts[slot(key, bits) + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut fill = starts.clone();
        let mut entries = vec![Entry::default(); keyed.len()];
        for &(key, entry) in keyed {
            let s = slot(key, bits);
            entries[fill[s] as usize] = entry;
            fill[s] += 1;
        }
        Buckets {
            bits,
            starts,
            entries,
        }
    }

    fn get(&self, key: u32) -> &[Entry] {
        let s = slot(key, self.bits);
        &self.entries[self.starts[s] as usize..self.starts[s + 1] as usize]
    }
}

/// Fibonacci hashing of a key to `bits` bits.
fn slot(key: u32, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

/// The first `n` (≤ 8) bytes of a little-endian word.
fn low_bytes(word: u64, n: usize) -> u64 {
    if n >= 8 {
        word
    } else {
        word & ((1u64 << (8 * n)) - 1)
    }
}

/// Up to eight bytes as one little-endian word, zero-padded.
fn word(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(eight) => u64::from_le_bytes(*eight),
        None => {
            let mut b = [0u8; 8];
            b[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(b)
        }
    }
}

impl LiteralIndex {
    /// Indexes `literals` (non-empty, each starting where a character starts). One
    /// longer than eight bytes is cut to eight: a literal's start still occurs
    /// wherever the literal does, so the gate stays sound.
    fn new<L: AsRef<[u8]>>(literals: &[L]) -> LiteralIndex {
        let literals: Vec<(u64, usize)> = literals
            .iter()
            .map(|l| {
                let l = l.as_ref();
                let l = &l[..l.len().min(required::LITERAL_BYTES)];
                (word(l), l.len())
            })
            .collect();
        let by_len = [1, 2, 3, 4].map(|n| {
            let keyed: Vec<(u32, Entry)> = (0..literals.len())
                .filter(|&id| literals[id].1.min(4) == n)
                .map(|id| {
                    let (word, len) = literals[id];
                    let entry = Entry {
                        word,
                        mask: low_bytes(u64::MAX, len),
                        id: id as u32,
                    };
                    (low_bytes(word, 4) as u32, entry)
                })
                .collect();
            Buckets::new(&keyed)
        });
        let [mut three, mut four] = [(); 2].map(|_| Bits::new());
        let mut lengths_by_prefix = Box::new([0u8; 1 << 16]);
        for &(lit, len) in &literals {
            match len {
                1 | 2 => {}
                3 => three.insert(slot(lit as u32, 16) as u32),
                _ => four.insert(slot(low_bytes(lit, 4) as u32, 16) as u32),
            }
            let bit = 1 << (len.min(4) - 1);
            if len == 1 {
                // Whatever follows a one-byte literal.
                for next in 0..256 {
                    lengths_by_prefix[lit as usize | next << 8] |= bit;
                }
            } else {
                lengths_by_prefix[low_bytes(lit, 2) as usize] |= bit;
            }
        }
        LiteralIndex {
            by_len,
            three,
            four,
            lengths_by_prefix,
        }
    }

    /// Calls `found` with the id and position of every literal occurrence in `text`
    /// that starts at a character boundary (possibly more than once per literal).
    /// (A `dyn` callback: one copy of the scan serves the gate and the word lists,
    /// and it measured faster than the scan inlined into the gate.)
    fn each_occurrence(&self, text: &str, found: &mut dyn FnMut(usize, usize)) {
        let bytes = text.as_bytes();
        for at in 0..bytes.len() {
            // Literals start where characters start, never on a continuation byte.
            if bytes[at] & 0xC0 == 0x80 {
                continue;
            }
            let left = bytes.len() - at;
            let here = word(&bytes[at..]);
            let lengths = self.lengths_by_prefix[low_bytes(here, 2) as usize];
            if lengths == 0 {
                continue;
            }
            let mut probe = |n: usize| {
                for e in self.by_len[n - 1].get(low_bytes(here, n.min(4)) as u32) {
                    if here & e.mask == e.word {
                        found(e.id as usize, at);
                    }
                }
            };
            if lengths & 1 != 0 {
                probe(1);
            }
            if lengths & 2 != 0 && left >= 2 {
                probe(2);
            }
            if lengths & 4 != 0
                && left >= 3
                && self
                    .three
                    .contains(slot(low_bytes(here, 3) as u32, 16) as u32)
            {
                probe(3);
            }
            if lengths & 8 != 0
                && left >= 4
                && self
                    .four
                    .contains(slot(low_bytes(here, 4) as u32, 16) as u32)
            {
                probe(4);
            }
        }
    }
}

/// Word lists (the rules' `unless_near` cues), and whether a short text holds a
/// word of a given list. One [`LiteralIndex`] over the words of all lists: nothing
/// to set up per search and nothing built per text, unlike a substring searcher
/// per word (~150 instructions each to set up) or a lazy DFA per list (new states
/// for every new text).
pub(crate) struct WordLists {
    index: LiteralIndex,
    words: Vec<Vec<u8>>,
    /// Per list, the ids of its words (a few dozen at most).
    lists: Vec<Vec<u32>>,
}

impl std::fmt::Debug for WordLists {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordLists")
            .field("words", &self.words.len())
            .field("lists", &self.lists.len())
            .finish()
    }
}

impl WordLists {
    /// Indexes `lists` (non-empty words); list `i` is asked about as `i`.
    pub(crate) fn new<'w>(lists: impl IntoIterator<Item = &'w [String]>) -> WordLists {
        // (The gate's map type: one instantiation less in the library.)
        let mut ids: KeyMap<Vec<u8>, u32> = KeyMap::default();
        let lists = lists
            .into_iter()
            .map(|list| {
                list.iter()
                    .map(|w| {
                        let next = ids.len() as u32;
                        *ids.entry(w.as_bytes().to_vec()).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        let mut words = vec![Vec::new(); ids.len()];
        for (word, id) in ids {
            words[id as usize] = word;
        }
        WordLists {
            index: LiteralIndex::new(&words),
            words,
            lists,
        }
    }

    /// Whether `text[window]` contains a word of list `list`. A word that starts with
    /// an ASCII letter or digit must start a word of the text ("never" is not in
    /// "whenever", "bet" not in "alphabet"), and one that ends with a digit must not
    /// run on into a number ("110" is not in "02110…"). A word may end inside a longer
    /// one: "scam" covers "scammer", "pretend" covers "pretending".
    pub(crate) fn any_in(&self, list: usize, text: &str, window: Range<usize>) -> bool {
        let Some(wanted) = self.lists.get(list).filter(|l| !l.is_empty()) else {
            return false;
        };
        let Some(inside) = text.get(window.clone()) else {
            return false;
        };
        let bytes = text.as_bytes();
        let mut found = false;
        // The index compares at most eight bytes (and may report a word running past
        // the end): check the whole word.
        self.index.each_occurrence(inside, &mut |id, at| {
            if found || !wanted.contains(&(id as u32)) {
                return;
            }
            let word = &self.words[id];
            let (start, end) = (window.start + at, window.start + at + word.len());
            let alnum = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
            let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
            found = inside.as_bytes()[at..].starts_with(word)
                && !(word[0].is_ascii_alphanumeric() && start > 0 && alnum(start - 1))
                && !(word[word.len() - 1].is_ascii_digit() && digit(end));
        });
        found
    }
}

/// Literal strings (brand aliases) found left to right, the first listed winning where
/// several start at the same place, as in a regex alternation.
///
/// A [`LiteralIndex`] like the gate's, not an automaton: a lazy DFA over ~500 aliases
/// builds states as it meets new text, and its states outgrew the default 2 MB cache,
/// so on a stream of distinct messages it was rebuilt over and over (~500k
/// instructions a message, two thirds of the engine's cost). The index costs the
/// same for every message.
pub(crate) struct Literals {
    index: LiteralIndex,
    literals: Vec<Vec<u8>>,
}

impl std::fmt::Debug for Literals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Literals")
            .field("len", &self.literals.len())
            .finish()
    }
}

impl Literals {
    /// Indexes `literals` (non-empty), in priority order.
    pub(crate) fn new<S: AsRef<str>>(literals: &[S]) -> Result<Literals, String> {
        let literals: Vec<Vec<u8>> = literals
            .iter()
            .map(|l| l.as_ref().as_bytes().to_vec())
            .collect();
        if literals.iter().any(Vec::is_empty) {
            return Err("an empty name matches everywhere".into());
        }
        Ok(Literals {
            index: LiteralIndex::new(&literals),
            literals,
        })
    }

    /// Calls `found` with up to `limit` non-overlapping matches as (literal index, byte
    /// range), in order: at the leftmost place where a literal starts, the first
    /// listed one; then the next one from its end (a leftmost-first alternation's
    /// matches).
    pub(crate) fn for_each(
        &self,
        text: &str,
        limit: usize,
        mut found: impl FnMut(usize, std::ops::Range<usize>),
    ) {
        let bytes = text.as_bytes();
        // The best literal starting at the place being looked at, not yet reported.
        let mut pending: Option<(usize, usize)> = None;
        // Where the last reported match ended: nothing may start before it.
        let mut free_from = 0;
        let mut n = 0;
        let mut report = |(at, id): (usize, usize), free_from: &mut usize| {
            if n < limit {
                let end = at + self.literals[id].len();
                found(id, at..end);
                *free_from = end;
                n += 1;
            }
        };
        // Occurrences come in order of position; the index compares at most eight
        // bytes (and may report one running past the end), so each is checked whole.
        self.index.each_occurrence(text, &mut |id, at| {
            if let Some(p) = pending.filter(|&(p_at, _)| p_at < at) {
                report(p, &mut free_from);
                pending = None;
            }
            if at < free_from || !bytes[at..].starts_with(&self.literals[id]) {
                return;
            }
            pending = match pending {
                Some((p_at, best)) => Some((p_at, best.min(id))),
                None => Some((at, id)),
            };
        });
        if let Some(p) = pending {
            report(p, &mut free_from);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The candidate patterns of `text`, in increasing order.
    fn named(set: &Patterns, text: &str) -> Vec<usize> {
        set.candidates(text).patterns().collect()
    }

    fn owned(ps: &[&str]) -> Vec<String> {
        ps.iter().map(|s| s.to_string()).collect()
    }

    fn texts(ps: &[&str]) -> Vec<Gated> {
        ps.iter().map(|s| Gated::Text(s.to_string())).collect()
    }

    #[test]
    fn a_pattern_needs_its_first_and_last_literal() {
        let set =
            Patterns::new(texts(&["退款.{0,12}(链接|网址)", "(?-u:\\b)code(?-u:\\b)"])).unwrap();
        let cases: [(&str, &[usize]); 5] = [
            ("退款请点链接", &[0]),
            ("链接里有退款", &[0]), // the gate does not check order; the regex does
            ("只有退款", &[]),
            ("your code is 1234", &[1]),
            ("nothing here", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(named(&set, text), want, "{text}");
        }
    }

    #[test]
    fn each_branch_of_an_alternation_is_gated_on_its_own() {
        let set = Patterns::new(texts(&["a1.*b1|a2.*b2"])).unwrap();
        assert_eq!(named(&set, "a1 b2"), Vec::<usize>::new());
        assert_eq!(named(&set, "a2 b2"), vec![0]);
    }

    #[test]
    fn open_ended_patterns_are_always_candidates() {
        let set = Patterns::new(texts(&["^.{0,3}x", "[a-z]+[b-z]+", "q"])).unwrap();
        // `^.{0,3}x` still needs its suffix `x`; the second has no literal to need.
        assert_eq!(named(&set, "zzz"), vec![1]);
        assert_eq!(named(&set, "ab x q"), vec![0, 1, 2]);
    }

    #[test]
    fn nothing_seen_in_one_text_carries_over_to_the_next() {
        let set = Patterns::new(texts(&["退款.{0,12}(链接|网址)"])).unwrap();
        assert_eq!(named(&set, "退款"), Vec::<usize>::new());
        assert_eq!(named(&set, "链接"), Vec::<usize>::new());
        // Also when the stamps start again.
        set.scratch.get().stamp = STAMP_LIMIT - 1;
        assert_eq!(named(&set, "退款"), Vec::<usize>::new());
        assert_eq!(named(&set, "链接"), Vec::<usize>::new());
        assert_eq!(named(&set, "退款链接"), vec![0]);
        assert_eq!(named(&set, "网址"), Vec::<usize>::new());
    }

    #[test]
    fn word_lists_find_whole_words_of_the_list_asked_about() {
        let lists = [
            owned(&["不要", "有人打电话来说要"]),
            owned(&["never", "不要", "scam", "打110"]),
            vec![],
        ];
        let words = WordLists::new(lists.iter().map(Vec::as_slice));
        let any_in = |list, text: &str| words.any_in(list, text, 0..text.len());
        assert!(any_in(0, "千万不要"));
        assert!(any_in(1, "不要"));
        assert!(!any_in(0, "we never ask"));
        assert!(any_in(1, "we never ask"));
        // Longer than the index's eight bytes: the whole word must be there.
        assert!(any_in(0, "刚才有人打电话来说要退款"));
        assert!(!any_in(0, "刚才有人打电话来说你"));
        assert!(!any_in(2, "不要"));
        assert!(!any_in(3, "不要"));
        // Only in the window asked about.
        assert!(!words.any_in(1, "不要加我", 6..12));
    }

    #[test]
    fn ascii_words_in_word_lists_start_words_and_numbers_do_not_run_on() {
        let lists = [owned(&["never", "scam", "打110"])];
        let words = WordLists::new(lists.iter().map(Vec::as_slice));
        let any_in = |text: &str| words.any_in(0, text, 0..text.len());
        assert!(any_in("never share it"));
        assert!(any_in("(never) share it"));
        assert!(!any_in("whenever you like"));
        assert!(any_in("scammers call"));
        assert!(any_in("请打110报警"));
        assert!(!any_in("请打11085551234"));
        // The word before the window still counts as its neighbour.
        let text = "whenever";
        assert!(!words.any_in(0, text, 3..text.len()));
    }

    #[test]
    fn literals_are_found_as_a_leftmost_first_alternation_finds_them() {
        // Priority order as the brand table gives it (longest first), with a name
        // longer than the index's eight bytes and names sharing their start.
        let names = ["royal mail", "京东金融", "amazon", "京东", "royal", "jd"];
        let literals = Literals::new(&names).unwrap();
        let escaped: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
        let alternation = regex::Regex::new(&escaped.join("|")).unwrap();
        for text in [
            "royal mail: your parcel",
            "royal mai",
            "京东金融客服：京东白条",
            "京东京东金融jdamazonamazo",
            "roroyal mail royal",
            "nothing here",
            "",
        ] {
            let mut found = Vec::new();
            literals.for_each(text, 64, |id, range| found.push((names[id], range)));
            let expected: Vec<(&str, std::ops::Range<usize>)> = alternation
                .find_iter(text)
                .map(|m| (m.as_str(), m.range()))
                .collect();
            assert_eq!(found, expected, "in {text:?}");
        }
        let mut first_two = Vec::new();
        literals.for_each("jd jd jd", 2, |_, range| first_two.push(range));
        assert_eq!(first_two, [0..2, 3..5]);
        assert!(Literals::new(&["ok", ""]).is_err());
    }

    #[test]
    fn one_byte_literals_are_found_before_any_byte_and_at_the_end() {
        // The scan looks a position up by its first two bytes; a one-byte literal
        // must be found whatever follows it: a letter, a Chinese character, nothing.
        let names = ["x", "退", "$", "ab"];
        let literals = Literals::new(&names).unwrap();
        let mut found = Vec::new();
        literals.for_each("xa退x$", 64, |id, range| found.push((names[id], range)));
        assert_eq!(found, [("x", 0..1), ("退", 2..5), ("x", 5..6), ("$", 6..7)]);
    }

    #[test]
    fn a_syntax_error_names_the_pattern() {
        let err = Patterns::new(texts(&["ok", "(unclosed"])).unwrap_err();
        assert_eq!(err.0, 1);
    }

    #[test]
    fn gate_reports_every_pattern_the_regex_matches() {
        let patterns = owned(&[
            "退款.{0,4}链接",
            "(?-u:\\b)code.{0,3}me",
            "a.c",
            "(退|返)(款|钱)",
            "[0-9]{6}",
            "(?i-u:refund)",
            "验证码.{0,6}(告诉|发给)我",
        ]);
        let set = Patterns::new(patterns.iter().cloned().map(Gated::Text).collect()).unwrap();
        for text in [
            "退款请点击链接",
            "退款點擊的链接",
            "send code to me",
            "abc",
            "a退c",
            "返钱",
            "code 123456",
            "REFUND",
            "验证码收到了请发给我",
            "x",
        ] {
            let exact: Vec<usize> = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| regex::Regex::new(p).unwrap().is_match(text))
                .map(|(i, _)| i)
                .collect();
            let found = set.candidates(text);
            assert!(
                exact.iter().all(|&i| found.contains(i)),
                "{text}: {:?} ⊉ {exact:?}",
                found.patterns().collect::<Vec<_>>()
            );
            // Every match starts where the gate says matches may start.
            for (p, starts) in found.with_starts() {
                let Some(starts) = starts else { continue };
                for m in regex::Regex::new(&patterns[p]).unwrap().find_iter(text) {
                    assert!(starts.contains(&m.start()), "{text}: {m:?} of {p}");
                }
            }
        }
    }

    #[test]
    fn a_pattern_may_start_only_where_its_start_literals_occur() {
        let set = Patterns::new(texts(&["(退款|退货).{0,4}链接", "a?b", "x.y"])).unwrap();
        let found = set.candidates("退货链接，退款的链接 b xzy");
        let starts: Vec<(usize, Option<Vec<usize>>)> = found
            .with_starts()
            .map(|(p, s)| (p, s.map(<[usize]>::to_vec)))
            .collect();
        // 退货 at 0, 退款 at 15; `a?b` starts with `a` or `b`; x.y with x.
        assert_eq!(
            starts,
            [
                (0, Some(vec![0, 15])),
                (1, Some(vec![31])),
                (2, Some(vec![33]))
            ]
        );
    }
}
