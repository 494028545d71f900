//! Text normalisation that defeats the usual evasion tricks while remembering,
//! for every byte of the normalised text, where it came from in the original, so
//! evidence can quote exactly what the user received.
//!
//! Applied in one pass, per character:
//! - zero-width and format characters are dropped (`退\u{200b}款`);
//! - full-width ASCII becomes ASCII and exotic spaces become ' ' (`ｔｂ．ｃｏｍ`);
//! - letters are lower-cased (rules are written in lower case);
//! - traditional Chinese is folded to simplified for the rules' vocabulary (`驗證碼`);
//! - separators between two CJK characters are dropped (`退-款`, `验 证 码`, `淘.宝`);
//! - runs of single spaced letters are joined (`r e f u n d`), and so are spelled-out
//!   links (`h t t p s : / / jd - tk . top`, `jd-tk . c o m`); the engine still calls
//!   such a link obfuscated, since the original held the spaces; a joined number of
//!   seven digits or more (`0 9 8 6 6 1 2`) is noted for `evasion.spaced_number`.

use crate::hant;
use std::ops::Range;

/// The normalised text and its map back to the original.
#[derive(Debug, Clone, Default)]
pub(crate) struct Normalized {
    /// The normalised text the rules run on.
    pub text: String,
    /// Where each piece of `text` came from, in order of `text`. A map per byte
    /// (three pushes per Chinese character, eight bytes per byte) was a fifth of
    /// the normaliser; most characters keep their length, so runs of them shift
    /// by one offset and need a single entry.
    runs: Vec<Run>,
    /// Whether the text has two spaces with one byte between them: only then can
    /// it hold spaced letters (`r e f u n d`). Noted while normalising, so most
    /// messages skip [`join_spaced_letters`] without another pass.
    spaced: bool,
    /// A number written one digit at a time (`0 9 8 6 6 1 2`, `3 0 1 8 - 6 6 2 9`), which
    /// [`join_spaced_letters`] put together: where it now stands in `text`. Phone and
    /// chat numbers are spelled out like that to slip past filters.
    pub spaced_number: Option<Range<usize>>,
}

/// A piece of [`Normalized::text`] from `at` up to the next run's `at`.
#[derive(Debug, Clone, Copy)]
struct Run {
    at: u32,
    /// Where the piece starts in the original.
    from: u32,
    /// For a character whose length changed (`ｔ` → `t`, or the joining of
    /// `r e f u n d`): where it ends in the original; every byte of it maps to
    /// the whole of `from..to`. Zero for a copied run, where every character has
    /// the length of the one it came from, at the same distance from `from` as it
    /// is from `at`.
    to: u32,
}

impl Normalized {
    /// Maps a byte range of the normalised text back to a byte range of the original:
    /// from the start of the original character that gave its first byte to the end
    /// of the one that gave its last.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        if range.start >= range.end || range.start >= self.text.len() {
            return 0..0;
        }
        let last = range.end.min(self.text.len()) - 1;
        self.source(range.start).0..self.source(last).1
    }

    /// The original byte range of the character that gave byte `i` of the text.
    fn source(&self, i: usize) -> (usize, usize) {
        let k = self.runs.partition_point(|r| r.at as usize <= i);
        let Some(run) = k.checked_sub(1).map(|k| self.runs[k]) else {
            return (0, 0);
        };
        if run.to != 0 {
            return (run.from as usize, run.to as usize);
        }
        // Copied characters have their original's length: widen `i` to its
        // character in the text and shift.
        let mut start = i;
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = i + 1;
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        let (at, from) = (run.at as usize, run.from as usize);
        (start - at + from, end - at + from)
    }

    /// Notes that the text from `at` to its end came from `original[from..to]`, as
    /// one character or (for copies of the same length) several.
    #[inline(always)]
    fn record(&mut self, at: usize, from: usize, to: usize) {
        let (at32, from32, to32) = (at as u32, from as u32, to as u32);
        if self.text.len() - at == to - from {
            // Copied: nothing to note when it continues the last copied run.
            if let Some(last) = self.runs.last() {
                if last.to == 0 && last.from.wrapping_sub(last.at) == from32.wrapping_sub(at32) {
                    return;
                }
            }
            self.runs.push(Run {
                at: at32,
                from: from32,
                to: 0,
            });
        } else {
            self.runs.push(Run {
                at: at32,
                from: from32,
                // (A character is never empty, so `to` is never 0 here.)
                to: to32,
            });
        }
    }
}

/// Characters that carry no text but are used to split keywords.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}')
}

/// Characters scammers put between the characters of a Chinese keyword.
const fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-'
            | '.'
            | '_'
            | '*'
            | '·'
            | '/'
            | '|'
            | '~'
            | '+'
            | '#'
            | '^'
            | '='
            | '`'
            | '\''
            | '"'
            | '•'
            | '・'
            | '丶'
            | '—'
            | '－'
            | '～'
            | '＊'
    )
}

/// Han ideographs (the ranges SMS uses): where separator folding applies.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Folds one character: width, case, script. Returns None for characters to drop.
fn fold(c: char) -> Option<char> {
    // ASCII is most of an English message and all its digits and punctuation.
    if c.is_ascii() {
        return Some(match c {
            '\t' | '\r' => ' ',
            _ => c.to_ascii_lowercase(),
        });
    }
    if is_cjk(c) {
        return Some(hant::to_simplified(c));
    }
    if is_invisible(c) {
        return None;
    }
    Some(match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            ascii.to_ascii_lowercase()
        }
        '\u{3000}'
        | '\u{00A0}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\t'
        | '\r' => ' ',
        '\u{FFE5}' => '¥',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        '\u{3002}' | '\u{FF61}' => '。',
        '\u{00C0}'..='\u{052F}' => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
        _ if is_cjk(c) => hant::to_simplified(c),
        _ => c,
    })
}

/// ASCII characters that are kept as they are (lower-cased): not a separator, not a
/// tab or carriage return. Runs of them are copied in one go.
const fn plain_ascii_table() -> [bool; 128] {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = !matches!(b as u8, b'\t' | b'\r') && !is_separator(b as u8 as char);
        b += 1;
    }
    t
}
static PLAIN_ASCII: [bool; 128] = plain_ascii_table();

fn is_plain_ascii(b: u8) -> bool {
    b < 0x80 && PLAIN_ASCII[b as usize]
}

/// Normalises `original`, examining at most `limit` bytes of it.
pub(crate) fn normalize(original: &str, limit: usize) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(original.len().min(limit)),
        runs: Vec::with_capacity(8),
        spaced: false,
        spaced_number: None,
    };
    // Separators seen since the last kept character: kept back until we know
    // whether they stand between two CJK characters.
    let mut pending = Held::default();
    // Whether the last kept character is CJK (separators after it may be dropped).
    let mut after_cjk = false;
    let bytes = original.as_bytes();
    let end = bytes.len().min(limit);
    let mut at = 0;
    while at < end {
        // Fast path for most of a message: a run of plain ASCII and of Chinese
        // characters that have no traditional form is kept as it is (lower-cased),
        // with one map entry. What comes first decides what happens to the separators
        // held back: dropped between two Chinese characters, kept otherwise.
        let (run, upper) = copied_run(bytes, at, end);
        if run > at {
            if bytes[at] >= 0x80 && after_cjk {
                pending.clear();
            } else {
                flush(&mut out, &mut pending);
            }
            let from = out.text.len();
            out.text.push_str(&original[at..run]);
            if upper {
                out.text[from..].make_ascii_lowercase();
            }
            out.record(from, at, run);
            after_cjk = bytes[run - 1] >= 0x80;
            at = run;
            continue;
        }
        let Some(raw) = original[at..].chars().next() else {
            break;
        };
        let span = (at as u32, (at + raw.len_utf8()) as u32);
        at += raw.len_utf8();
        // Fast path for Chinese: never dropped, never a separator, three bytes.
        if is_cjk(raw) {
            if !after_cjk {
                flush(&mut out, &mut pending);
            }
            pending.clear();
            push(&mut out, hant::to_simplified(raw), span);
            after_cjk = true;
            continue;
        }
        let Some(c) = fold(raw) else { continue };
        if is_separator(c) && pending.len < HELD {
            pending.items[pending.len] = (c, span.0, span.1);
            pending.len += 1;
            continue;
        }
        let cjk = is_cjk(c);
        if !(cjk && after_cjk) {
            flush(&mut out, &mut pending);
        }
        pending.clear();
        push(&mut out, c, span);
        after_cjk = cjk;
    }
    flush(&mut out, &mut pending);
    join_spaced_letters(out)
}

/// The end of the run of characters from `at` that [`normalize`] copies as they are,
/// and whether it holds upper-case letters: plain ASCII and Chinese characters that
/// are their own simplified form. A character that starts before `end` is taken whole.
#[inline(always)]
fn copied_run(bytes: &[u8], mut at: usize, end: usize) -> (usize, bool) {
    let mut upper = false;
    while at < end {
        let lead = bytes[at];
        if is_plain_ascii(lead) {
            upper |= lead.is_ascii_uppercase();
            at += 1;
            continue;
        }
        // Three-byte characters only (U+0800..U+FFFF, lead bytes E0..EF).
        if lead & 0xF0 != 0xE0 {
            break;
        }
        let (Some(&b1), Some(&b2)) = (bytes.get(at + 1), bytes.get(at + 2)) else {
            break;
        };
        let code = u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
        if !hant::is_plain_han(code) {
            break;
        }
        at += 3;
    }
    (at, upper)
}

/// At most this many separators are held back between two characters; more are kept.
const HELD: usize = 3;

/// The separators held back (a fixed array: a `Vec` here was an allocation for most
/// messages).
#[derive(Default)]
struct Held {
    items: [(char, u32, u32); HELD],
    len: usize,
}

impl Held {
    fn clear(&mut self) {
        self.len = 0;
    }
}

/// Keeps the separators held back.
#[inline(always)]
fn flush(out: &mut Normalized, pending: &mut Held) {
    for &(sep, s, e) in &pending.items[..pending.len] {
        push(out, sep, (s, e));
    }
    pending.len = 0;
}

#[inline(always)]
fn push(out: &mut Normalized, c: char, span: (u32, u32)) {
    let at = out.text.len();
    if c == ' ' && at >= 2 && out.text.as_bytes()[at - 2] == b' ' {
        out.spaced = true;
    }
    out.text.push(c);
    out.record(at, span.0 as usize, span.1 as usize);
}

/// `r e f u n d` → `refund`: runs of at least four single letters separated by single spaces.
/// Also spelled-out links: `h t t p s : / / jd - tk . top` → `https://jd-tk.top`, and a
/// spelled top-level domain after a dot (`jd-tk . c o m` → `jd-tk .com`).
fn join_spaced_letters(n: Normalized) -> Normalized {
    let b = n.text.as_bytes();
    // A one-character token: a letter, or a `-` / `.` / `:` / `/` inside a spelled-out
    // link (`t b - r e f u n d . c o m`). A colon may stand next to it (`L I N E：id`,
    // `V：p d d 8 8`).
    let single_letter = |i: usize| {
        (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b'.' | b':' | b'/'))
            && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b':')
            && (i + 1 == b.len() || b[i + 1] == b' ' || b[i + 1] == b':')
    };
    // Quick exits: most messages have no such run, and a run needs `x y z` somewhere.
    if !n.spaced {
        return n;
    }
    let has_run = (0..b.len().saturating_sub(4)).any(|i| {
        single_letter(i)
            && single_letter(i + 2)
            && single_letter(i + 4)
            && (b[i] == b'.' || b.get(i + 6).is_some_and(|_| single_letter(i + 6)))
    });
    if !has_run {
        return n;
    }
    let mut drop = vec![false; b.len()];
    // The first joined run of seven digits or more, as a byte range of `b`.
    let mut number: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < b.len() {
        if single_letter(i) {
            let mut j = i;
            while j + 2 < b.len() && b[j + 1] == b' ' && single_letter(j + 2) {
                j += 2;
            }
            // Four letters (`r e f u n d`), six letters and digits (`0 9 7 6 - 1 1 5`,
            // `p d d 8 8 6 6`), or a dot and two letters (`. c o m`) make a run. Seven
            // digits or more are a phone or chat number spelled out (a code read out to
            // a friend, `3 8 1 2 0 4`, is shorter).
            let count = |f: fn(&u8) -> bool| (i..=j).step_by(2).filter(|&k| f(&b[k])).count();
            let letters = count(u8::is_ascii_alphabetic);
            if letters >= 4
                || count(u8::is_ascii_alphanumeric) >= 6
                || (b[i] == b'.' && letters >= 2)
            {
                (i + 1..j).step_by(2).for_each(|s| drop[s] = true);
                if number.is_none() && count(u8::is_ascii_digit) >= 7 {
                    number = Some((i, j));
                }
                // A spelled-out scheme (`h t t p s : / /`): the host after it is often
                // spaced too (`jd - tk . top / a`); join it up to the next word break.
                if j >= 2 && b[j] == b'/' && b[j - 2] == b'/' {
                    join_spaced_host(b, j + 1, &mut drop);
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    let mut out = Normalized {
        text: String::with_capacity(n.text.len()),
        runs: Vec::with_capacity(n.runs.len() + 8),
        spaced: false,
        spaced_number: None,
    };
    let mut number_start = 0;
    for (i, c) in n.text.char_indices() {
        if number.is_some_and(|(start, _)| start == i) {
            number_start = out.text.len();
        }
        if !drop[i] {
            let (from, to) = n.source(i);
            push(&mut out, c, (from as u32, to as u32));
        }
        if number.is_some_and(|(_, end)| end == i) {
            out.spaced_number = Some(number_start..out.text.len());
        }
    }
    out
}

/// Drops the spaces of a spaced host from `from` on (`␣jd - tk . top / a`): each space
/// next to a `-`, `.` or `/`, and the one right after the scheme. Stops at the first
/// space between two words, or at anything that cannot be in a host.
fn join_spaced_host(b: &[u8], from: usize, drop: &mut [bool]) {
    let is_host = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'/');
    let is_glue = |c: u8| matches!(c, b'-' | b'.' | b'/');
    let mut k = from;
    while k < b.len() && k < from + 80 {
        if b[k] == b' ' {
            let (prev, next) = (b[k - 1], b.get(k + 1).copied().unwrap_or(b' '));
            if !is_host(next) || !(k == from || is_glue(prev) || is_glue(next)) {
                return;
            }
            drop[k] = true;
        } else if !is_host(b[k]) {
            return;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (original, normalised)
    const CASES: &[(&str, &str)] = &[
        ("退-款", "退款"),
        ("验 证 码", "验证码"),
        ("淘.宝客服", "淘宝客服"),
        ("退\u{200b}款", "退款"),
        ("ｔｂ．ｃｏｍ", "tb.com"),
        ("请访问　jd.com", "请访问 jd.com"),
        ("驗證碼", "验证码"),
        ("Your CODE", "your code"),
        ("r e f u n d now", "refund now"),
        (
            "点击 t b - r e f u n d . c o m 领取",
            "点击 tb-refund.com 领取",
        ),
        ("5 - 3 = 2", "5 - 3 = 2"),
        (
            "登录 h t t p s : / / tmall - tk . xyz / a 完成",
            "登录 https://tmall-tk.xyz/a 完成",
        ),
        ("go to a-mzn-rfnd . c o m now", "go to a-mzn-rfnd .com now"),
        ("grade a . b c", "grade a . b c"),
        ("请致电 0 9 7 6 - 1 1 5 - 3 2 1", "请致电 0976-115-321"),
        ("1 2 3", "1 2 3"),
        ("a b c", "a b c"),
        ("加 L I N E：abc", "加 line:abc"),
        ("加 V：p d d 8 8 6 6 领取", "加 v:pdd8866 领取"),
        ("退款 refund", "退款 refund"),
        ("客服 - 退款", "客服退款"),
        ("ПРИВЕТ", "привет"),
        ("1 2 3", "1 2 3"),
        ("价格 ￥100", "价格 ¥100"),
        // Copied runs: ASCII and Chinese together, lower-cased, folded where needed.
        ("TB退款Code驗證", "tb退款code验证"),
        ("退款-OK-退货", "退款-ok-退货"),
    ];

    #[test]
    fn normalises_the_usual_tricks() {
        for (input, want) in CASES {
            assert_eq!(normalize(input, usize::MAX).text, *want, "input {input:?}");
        }
    }

    #[test]
    fn maps_back_to_the_original() {
        let original = "点击 ｔｂ－ｒｅｆｕｎｄ．ｃｃ 退-款";
        let n = normalize(original, usize::MAX);
        let at = n.text.find("tb-refund.cc").unwrap();
        let r = n.original(at..at + "tb-refund.cc".len());
        assert_eq!(&original[r], "ｔｂ－ｒｅｆｕｎｄ．ｃｃ");
        let at = n.text.find("退款").unwrap();
        assert_eq!(&original[n.original(at..at + "退款".len())], "退-款");
    }

    #[test]
    fn maps_back_across_changed_lengths_drops_and_joins() {
        // 'Ⱥ' (2 bytes) lower-cases to 'ⱥ' (3), '１' (3) folds to '1', the zero-width
        // space is dropped, and the spaced letters are joined.
        let original = "Ⱥb１x 退\u{200b}款 r e f u n d 驗證碼";
        let n = normalize(original, usize::MAX);
        assert_eq!(n.text, "ⱥb1x 退款 refund 验证码");
        let back = |word: &str| {
            let at = n.text.find(word).unwrap();
            &original[n.original(at..at + word.len())]
        };
        for (word, want) in [
            ("ⱥ", "Ⱥ"),
            ("b", "b"),
            ("1", "１"),
            ("x", "x"),
            ("退款", "退\u{200b}款"),
            ("款", "款"),
            ("refund", "r e f u n d"),
            ("und", "u n d"),
            ("验证码", "驗證碼"),
            ("证", "證"),
        ] {
            assert_eq!(back(word), want, "{word}");
        }
        // A range starting or ending inside a character widens to the whole of it.
        let at = n.text.find("证").unwrap();
        assert_eq!(&original[n.original(at + 1..at + 2)], "證");
    }

    #[test]
    fn notes_a_number_spelled_out_digit_by_digit() {
        let original = "请致电 0 2 1-5 0 9 8 6 6 1 2 办理";
        let n = normalize(original, usize::MAX);
        let number = n.spaced_number.clone().expect("a spelled-out number");
        assert_eq!(&n.text[number.clone()], "0986612");
        assert_eq!(&original[n.original(number)], "0 9 8 6 6 1 2");
        // A six-digit code read out to a friend is joined but not noted.
        let code = normalize("验证码：3 8 1 2 0 4", usize::MAX);
        assert_eq!(
            (code.text.as_str(), code.spaced_number),
            ("验证码:381204", None)
        );
    }

    #[test]
    fn respects_the_limit_at_char_boundaries() {
        let n = normalize("验证码验证码", 4);
        assert_eq!(n.text, "验证");
    }
}
