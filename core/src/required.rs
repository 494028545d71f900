//! Which literals every match of a rule pattern contains: what the gate in
//! `patterns.rs` indexes.
//!
//! Pure functions of the pattern text, shared with `build.rs`: it runs them over the
//! embedded packs at compile time and writes the answers to a compact table, so
//! building the default engine does not parse ~600 patterns with `regex-syntax`
//! (that parse was 60% of the engine build). Patterns of packs loaded at run time
//! are parsed when the engine is built, as before.
//!
//! Table format (all counts one byte unless noted), one record per rule:
//! `id_len id pattern_count` then per pattern `hash:u64le branch_count:u16le`
//! (`0xFFFF`: not computed, parse at run time) and per branch `set_count`, per set
//! `literal_count`, per literal `len bytes`; then the pattern's start literals as
//! one more set (`literal_count` `0xFF`: none). The hash of the pattern text as written
//! in the pack guards against the table ever describing a different pattern than the
//! one being built (a change to the rewrite below reruns `build.rs`).

use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};
use std::borrow::Cow;

/// Literals are cut to this many bytes (prefixes keep their start, suffixes their
/// end): still selective (two CJK characters, a short English word), and each one
/// fits in a `u64` for the index's compare.
pub(crate) const LITERAL_BYTES: usize = 8;

/// Literal sets one branch may require (one bit each in the gate's needs).
pub(crate) const REQUIRED_SETS: usize = 3;

/// At most this many literals per set while extracting (the default is 250): a
/// longer list is cut to shorter literals or given up, which costs the gate
/// little selectivity and saves build time (180M → 162M instructions for the
/// engine build at 96 rules; the repeated mix 56.3k → 54.5k per message).
const LITERALS_PER_SET: usize = 32;

/// A literal: borrowed from the embedded table (building the default engine
/// allocates none of its ~17,000), or owned where a pattern was parsed.
pub(crate) type Literal = Cow<'static, [u8]>;

/// What the gate needs to know of one pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Requirements {
    /// Per branch of its top-level alternation, the literal sets it needs: every
    /// match of that branch contains a literal of each set. A branch with no sets
    /// can match anything.
    pub branches: Vec<Vec<Vec<Literal>>>,
    /// The literals every match starts with, if there is such a list: the engine
    /// searches only where one of them occurs.
    pub starts: Option<Vec<Literal>>,
}

/// One pattern in the table: the hash of its text and its requirements, if computed.
pub(crate) type Entry = (u64, Option<Requirements>);

/// The requirements of `pattern` (regex syntax, already ASCII-word-bounded), or the
/// parser's message.
pub(crate) fn requirements(pattern: &str) -> Result<Requirements, String> {
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    let owned = |lits: Vec<Vec<u8>>| lits.into_iter().map(Cow::Owned).collect();
    Ok(Requirements {
        branches: branch_requirements(&hir)
            .into_iter()
            .map(|sets| sets.into_iter().map(owned).collect())
            .collect(),
        starts: prefixes(&hir).map(owned),
    })
}

/// Rewrites the Perl classes `\b \B \d \s \w \D \S \W` as their ASCII forms.
/// A Unicode word boundary makes the fast DFA give up on any non-ASCII text (every
/// Chinese message), and the ASCII one is also the useful one here: it sees an edge
/// between `退款` and `refund`. ASCII classes also spare the `.so` the Unicode tables.
pub(crate) fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    // Inside `[...]` a class is spelled as ranges; outside as an ASCII group.
    let mut in_class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '[' => in_class += 1,
            ']' if in_class > 0 => in_class -= 1,
            _ => {}
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        match (chars.next(), in_class > 0) {
            (Some('d'), true) => out.push_str("0-9"),
            (Some('s'), true) => out.push_str("\\t\\n\\x0B\\x0C\\r "),
            (Some('w'), true) => out.push_str("0-9A-Za-z_"),
            (Some(b @ ('b' | 'B' | 'd' | 's' | 'w')), false) => {
                out.push_str("(?-u:\\");
                out.push(b);
                out.push(')');
            }
            // Negated classes as explicit ASCII sets: `(?-u:\D)` could match half a
            // UTF-8 character, which `regex` rejects for text.
            (Some('D'), false) => out.push_str("[^0-9]"),
            (Some('S'), false) => out.push_str("[^\\t\\n\\x0B\\x0C\\r ]"),
            (Some('W'), false) => out.push_str("[^0-9A-Za-z_]"),
            (Some(other), _) => {
                out.push('\\');
                out.push(other);
            }
            (None, _) => out.push('\\'),
        }
    }
    out
}

/// FNV-1a: a fixed hash (std's is seeded per process), so `build.rs` and the engine agree.
pub(crate) fn pattern_hash(pattern: &str) -> u64 {
    pattern.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Appends the record of one rule to a table (see the module docs). `patterns` are
/// the rule's patterns as written in the pack, with their requirements where known.
#[allow(dead_code)] // used by build.rs only
pub(crate) fn encode_rule(
    out: &mut Vec<u8>,
    id: &str,
    patterns: &[(String, Option<Requirements>)],
) {
    let byte = |n: usize| u8::try_from(n).expect("count fits the table's one-byte field");
    out.push(byte(id.len()));
    out.extend_from_slice(id.as_bytes());
    out.push(byte(patterns.len()));
    for (pattern, reqs) in patterns {
        out.extend_from_slice(&pattern_hash(pattern).to_le_bytes());
        let Some(reqs) = reqs.as_ref().filter(|r| r.branches.len() < 0xFFFF) else {
            out.extend_from_slice(&0xFFFFu16.to_le_bytes());
            continue;
        };
        let branches = &reqs.branches;
        out.extend_from_slice(&(branches.len() as u16).to_le_bytes());
        let list = |out: &mut Vec<u8>, lits: &[Literal]| {
            out.push(byte(lits.len()));
            for lit in lits {
                out.push(byte(lit.len()));
                out.extend_from_slice(lit);
            }
        };
        for sets in branches {
            out.push(byte(sets.len()));
            for lits in sets {
                list(out, lits);
            }
        }
        match reqs.starts.as_ref().filter(|l| l.len() < 0xFF) {
            Some(starts) => list(out, starts),
            None => out.push(0xFF),
        }
    }
}

/// Reads a table: per rule id, per pattern, its text hash and requirements (`None`
/// where the table has none). `None` if the table is malformed.
#[allow(dead_code)] // used by the engine only
pub(crate) fn decode_table(mut t: &'static [u8]) -> Option<Vec<(&'static str, Vec<Entry>)>> {
    fn take<'a>(t: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = t.split_at_checked(n)?;
        *t = rest;
        Some(head)
    }
    fn count(t: &mut &[u8]) -> Option<usize> {
        take(t, 1).map(|b| b[0] as usize)
    }
    fn literals(t: &mut &'static [u8], n: usize) -> Option<Vec<Literal>> {
        let mut lits = Vec::with_capacity(n);
        for _ in 0..n {
            let len = count(t)?;
            lits.push(Cow::Borrowed(take(t, len)?));
        }
        Some(lits)
    }
    let mut rules = Vec::new();
    while !t.is_empty() {
        let n = count(&mut t)?;
        let id = std::str::from_utf8(take(&mut t, n)?).ok()?;
        let mut patterns = Vec::new();
        for _ in 0..count(&mut t)? {
            let hash = u64::from_le_bytes(take(&mut t, 8)?.try_into().ok()?);
            let branches = u16::from_le_bytes(take(&mut t, 2)?.try_into().ok()?);
            if branches == 0xFFFF {
                patterns.push((hash, None));
                continue;
            }
            // Each list sized from its count: growing them push by push cost ~2 M
            // instructions of the engine build (70.7 M → 68.9 M).
            let mut reqs = Vec::with_capacity(branches as usize);
            for _ in 0..branches {
                let n_sets = count(&mut t)?;
                let mut sets = Vec::with_capacity(n_sets);
                for _ in 0..n_sets {
                    let n_lits = count(&mut t)?;
                    sets.push(literals(&mut t, n_lits)?);
                }
                reqs.push(sets);
            }
            let starts = match count(&mut t)? {
                0xFF => None,
                n => Some(literals(&mut t, n)?),
            };
            patterns.push((
                hash,
                Some(Requirements {
                    branches: reqs,
                    starts,
                }),
            ));
        }
        rules.push((id, patterns));
    }
    Some(rules)
}

/// Per branch of the top-level alternation, the literal sets it requires (see
/// [`required_sets`]). The parser factors out what all branches share (`\b(a…|b…)`
/// for `\ba…|\bb…`), so a concatenation with one alternation in it is distributed
/// back over its branches: each needs its own literals and those of the other parts.
fn branch_requirements(hir: &Hir) -> Vec<Vec<Vec<Vec<u8>>>> {
    match hir.kind() {
        HirKind::Capture(c) => branch_requirements(&c.sub),
        HirKind::Alternation(subs) => subs.iter().flat_map(branch_requirements).collect(),
        HirKind::Concat(parts) => {
            let alternation =
                |p: &Hir| matches!(unwrap_captures(p).kind(), HirKind::Alternation(_));
            let mut alternations = parts.iter().enumerate().filter(|(_, p)| alternation(p));
            match (alternations.next(), alternations.next()) {
                (Some((i, inner)), None) => {
                    let others: Vec<Vec<Vec<u8>>> = parts
                        .iter()
                        .enumerate()
                        .filter(|&(j, _)| j != i)
                        .filter_map(|(_, p)| prefixes(p))
                        .collect();
                    branch_requirements(inner)
                        .into_iter()
                        .map(|mut sets| {
                            sets.extend(others.iter().cloned());
                            best(sets)
                        })
                        .collect()
                }
                _ => vec![required_sets(hir)],
            }
        }
        _ => vec![required_sets(hir)],
    }
}

/// Up to [`REQUIRED_SETS`] sets of literals such that every match of `hir` contains
/// a literal of each set: the literals it starts with, those it ends with, those
/// each part of a concatenation starts with, and those each part of a part repeated
/// at least once starts with.
fn required_sets(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    let mut sets: Vec<Vec<Vec<u8>>> = Vec::new();
    sets.extend(prefixes(hir));
    sets.extend(suffixes(hir));
    if let HirKind::Concat(parts) = unwrap_captures(hir).kind() {
        // The first part's literals are the prefixes already found.
        sets.extend(parts.iter().skip(1).filter_map(prefixes));
        // A part repeated at least once holds a match of what it repeats, and so
        // the literals each of that one's parts starts with: `([a-z][.*_-]){4,}`
        // needs one of `. * _ -`, where its prefixes are any letter.
        for part in parts {
            if let HirKind::Repetition(r) = unwrap_captures(part).kind() {
                if r.min >= 1 {
                    if let HirKind::Concat(inner) = unwrap_captures(&r.sub).kind() {
                        sets.extend(inner.iter().skip(1).filter_map(prefixes));
                    }
                }
            }
        }
    }
    best(sets)
}

/// The [`REQUIRED_SETS`] most selective sets: longest shortest literal, then fewest.
fn best(mut sets: Vec<Vec<Vec<u8>>>) -> Vec<Vec<Vec<u8>>> {
    sets.sort_by_key(|lits| {
        let shortest = lits.iter().map(Vec::len).min().unwrap_or(0);
        (std::cmp::Reverse(shortest.min(LITERAL_BYTES)), lits.len())
    });
    sets.dedup();
    sets.truncate(REQUIRED_SETS);
    // One-byte literals (a digit, `@`) occur everywhere: a set of them costs more
    // to track than it rules out, unless it is all there is.
    let wide = |lits: &Vec<Vec<u8>>| lits.iter().all(|l| l.len() > 1);
    if sets.iter().any(wide) {
        sets.retain(wide);
    }
    // Of one-byte sets, a short one (`$`, `-`) is enough: the ten digits, seen a
    // dozen times in a bank notice, cost the index a hit each.
    let short = |lits: &Vec<Vec<u8>>| lits.len() <= 3;
    if sets.iter().any(short) {
        sets.retain(|lits| lits.iter().any(|l| l.len() > 1) || short(lits));
    }
    sets
}

fn unwrap_captures(hir: &Hir) -> &Hir {
    match hir.kind() {
        HirKind::Capture(c) => unwrap_captures(&c.sub),
        _ => hir,
    }
}

/// Literals every match of `hir` starts with, or `None` if there is no such finite set.
fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    listed(extract(ExtractKind::Prefix, hir))
}

/// Literals every match of `hir` ends with, or `None`. Each is cut at a character
/// boundary so the index, which looks where characters start, can find it.
fn suffixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut lits = listed(extract(ExtractKind::Suffix, hir))?;
    for lit in &mut lits {
        let cut = lit.iter().take_while(|&&b| b & 0xC0 == 0x80).count();
        lit.drain(..cut);
    }
    (!lits.iter().any(Vec::is_empty)).then_some(lits)
}

fn extract(kind: ExtractKind, hir: &Hir) -> Seq {
    Extractor::new()
        .kind(kind)
        .limit_literal_len(LITERAL_BYTES)
        .limit_total(LITERALS_PER_SET)
        .extract(hir)
}

/// The literals of a finite, non-empty sequence none of whose literals is empty.
fn listed(mut seq: Seq) -> Option<Vec<Vec<u8>>> {
    seq.dedup();
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sets(pattern: &str) -> Vec<Vec<Vec<u8>>> {
        let mut reqs = requirements(pattern).unwrap().branches;
        assert_eq!(reqs.len(), 1, "one branch");
        let sets = reqs.remove(0);
        sets.into_iter()
            .map(|set| set.into_iter().map(Cow::into_owned).collect())
            .collect()
    }

    #[test]
    fn a_repeated_part_gives_what_its_parts_start_with() {
        // Its prefixes are any letter; each repetition also holds one of `. * _ -`.
        let got = sets("(?-u:\\b)([a-z][.*_-]){4,}[a-z](?-u:\\b)");
        let punctuation: Vec<Vec<u8>> = [".", "*", "_", "-"]
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect();
        assert!(got.iter().any(|set| {
            set.len() == punctuation.len() && punctuation.iter().all(|l| set.contains(l))
        }));
        // Not from a part that may be absent.
        let got = sets("x([a-z][.*_-])*y");
        assert!(got.iter().all(|set| !set.contains(&b"*".to_vec())));
    }

    #[test]
    fn ten_one_byte_literals_give_way_to_a_short_set() {
        let got = sets("\\$.{0,3}[0-9].{0,3}-");
        assert_eq!(got, vec![vec![b"$".to_vec()], vec![b"-".to_vec()]]);
    }
}
