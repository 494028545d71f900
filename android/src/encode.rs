//! The wire format of a verdict: one `int[]` and one `char[]`.
//!
//! Why not construct the Kotlin objects from Rust? Because then the native
//! code must know every Kotlin class name and constructor signature (kept in
//! sync by hand, kept alive by R8 rules, looked up with `FindClass`, which on
//! Android resolves against the wrong class loader on non-Java threads), and
//! it pays one JNI transition per object. Why not a `String[]`? Because one
//! `NewString` per rule id and explanation cost more than the core's whole
//! analysis (measured: ~20 µs for a scam verdict). So the native side creates
//! exactly two arrays: every string of the verdict is written, UTF-16, into one
//! `char[]`, and `org.smishguard.VerdictDecoder` (Kotlin) cuts it into strings,
//! checks [`FORMAT_VERSION`] and builds immutable Kotlin values. Types flow one
//! way; the schema lives in this file and in `VerdictDecoder.kt`.
//!
//! Layout of the ints (string fields are indices into the string table, -1
//! for "none"; spans are UTF-16 indices into the caller's `body` string):
//!
//! ```text
//! FORMAT_VERSION, nStrings, length*                  string table: lengths in UTF-16 units, text in the char[]
//! level(0 safe,1 suspicious,2 dangerous), score, flags(1 truncated, 2 has otp), sender
//! nCategories, category*
//! nBrands, brand*
//! nReasons, (ruleId, category, weight, zh, en, evidenceStart, evidenceEnd)*     evidence -1,-1 if none
//! nLinks, (start, end, url, host, domain, officialFor, imitates, nFindings, finding*)*
//! if has otp: code, start, end, purpose, amount, warnsNotToShare(0/1)
//! ```

use smishguard_core::{Level, Span, Verdict};

use crate::text::Utf16Offsets;

/// Bumped whenever the layout above changes; the Kotlin decoder refuses other versions.
pub const FORMAT_VERSION: i32 = 2;

/// Flag bit: the body was longer than the engine examines.
pub const FLAG_TRUNCATED: i32 = 1;
/// Flag bit: an OTP record follows the links.
pub const FLAG_HAS_OTP: i32 = 2;

/// A verdict flattened for the JVM.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Encoded {
    /// The structure (see the module docs), without the string table header.
    pub ints: Vec<i32>,
    /// Every string the structure refers to.
    pub strings: Vec<String>,
}

/// What crosses JNI: the `int[]` (string table header + structure) and the `char[]`.
#[derive(Debug, PartialEq, Eq)]
pub struct Wire {
    /// `FORMAT_VERSION, nStrings, lengths…, structure…`
    pub ints: Vec<i32>,
    /// All strings, UTF-16, back to back.
    pub chars: Vec<u16>,
}

impl Encoded {
    fn string(&mut self, s: &str) -> i32 {
        self.strings.push(s.to_owned());
        to_i32(self.strings.len() - 1)
    }

    fn opt_string(&mut self, s: Option<&str>) -> i32 {
        match s {
            Some(s) => self.string(s),
            None => -1,
        }
    }

    fn len(&mut self, n: usize) {
        self.ints.push(to_i32(n));
    }

    /// Lays the verdict out for JNI (see the module docs).
    pub fn to_wire(&self) -> Wire {
        let mut ints = Vec::with_capacity(2 + self.strings.len() + self.ints.len());
        ints.push(FORMAT_VERSION);
        ints.push(to_i32(self.strings.len()));
        let mut chars = Vec::with_capacity(self.strings.iter().map(String::len).sum());
        for s in &self.strings {
            let before = chars.len();
            chars.extend(s.encode_utf16());
            ints.push(to_i32(chars.len() - before));
        }
        ints.extend_from_slice(&self.ints);
        Wire { ints, chars }
    }
}

fn to_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn level_code(level: Level) -> i32 {
    match level {
        Level::Safe => 0,
        Level::Suspicious => 1,
        Level::Dangerous => 2,
    }
}

/// Flattens `verdict`, converting its byte spans in `body` to UTF-16 indices.
pub fn encode(verdict: &Verdict, body: &str) -> Encoded {
    let spans = verdict
        .reasons
        .iter()
        .filter_map(|r| r.evidence)
        .chain(verdict.links.iter().map(|l| l.span))
        .chain(verdict.otp.iter().map(|o| o.span))
        .flat_map(|s: Span| [s.start, s.end]);
    let offsets = Utf16Offsets::new(body, spans);
    let at = |byte: usize| to_i32(offsets.get(byte));

    let mut e = Encoded::default();
    let mut flags = 0;
    if verdict.truncated {
        flags |= FLAG_TRUNCATED;
    }
    if verdict.otp.is_some() {
        flags |= FLAG_HAS_OTP;
    }
    let sender = e.string(verdict.sender.as_str());
    e.ints.extend([
        level_code(verdict.level),
        i32::try_from(verdict.score).unwrap_or(i32::MAX),
        flags,
        sender,
    ]);

    e.len(verdict.categories.len());
    for c in &verdict.categories {
        let i = e.string(c.as_str());
        e.ints.push(i);
    }

    e.len(verdict.brands.len());
    for b in &verdict.brands {
        let i = e.string(b);
        e.ints.push(i);
    }

    e.len(verdict.reasons.len());
    for r in &verdict.reasons {
        let id = e.string(&r.rule_id);
        let cat = e.string(r.category.as_str());
        let zh = e.string(&r.explanation.zh);
        let en = e.string(&r.explanation.en);
        let (start, end) = match r.evidence {
            Some(s) => (at(s.start), at(s.end)),
            None => (-1, -1),
        };
        e.ints.extend([id, cat, r.weight, zh, en, start, end]);
    }

    e.len(verdict.links.len());
    for l in &verdict.links {
        let url = e.string(&l.url);
        let host = e.string(&l.host);
        let domain = e.string(&l.domain);
        let official = e.opt_string(l.official_for.as_deref());
        let imitates = e.opt_string(l.imitates.as_deref());
        e.ints.extend([
            at(l.span.start),
            at(l.span.end),
            url,
            host,
            domain,
            official,
            imitates,
        ]);
        e.len(l.findings.len());
        for f in &l.findings {
            let i = e.string(f.as_str());
            e.ints.push(i);
        }
    }

    if let Some(o) = &verdict.otp {
        let code = e.string(&o.code);
        let purpose = e.string(o.purpose.as_str());
        let amount = e.opt_string(o.amount.as_deref());
        e.ints.extend([
            code,
            at(o.span.start),
            at(o.span.end),
            purpose,
            amount,
            i32::from(o.warns_not_to_share),
        ]);
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_has_header_lengths_in_utf16_units_and_the_structure() {
        let e = Encoded {
            ints: vec![7, 8],
            strings: vec!["ab".into(), "".into(), "退😀".into()],
        };
        let w = e.to_wire();
        assert_eq!(w.ints, vec![FORMAT_VERSION, 3, 2, 0, 3, 7, 8]);
        assert_eq!(String::from_utf16(&w.chars).ok().as_deref(), Some("ab退😀"));
    }
}
