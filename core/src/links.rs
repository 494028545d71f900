//! Finding links in (normalised) SMS text and judging them against the brand table.
//!
//! Hand-written scanning instead of regexes: scam links come in too many disguises
//! (`hxxp`, `[.]`, `点com`, `jd-refund . top`, `http //`) for a readable pattern, and a
//! scanner can stay linear, allocation-free for link-less text, and panic-free.
//!
//! The scanner looks for a host at every word start: labels joined by dots or disguised
//! dots. A bare host only counts when it ends in a known TLD; after `http://` (or a
//! disguised scheme) any host counts. The link is then judged: official domain of a
//! brand, or what is wrong with it ([`LinkFinding`]).

use std::borrow::Cow;

use crate::brands::BrandTable;
use crate::verdict::{Link, LinkFinding, Span};

/// A link found in normalised text. `range` is a byte range in that text; the engine maps it
/// to the original body and fills `link.span` (set here to the same range).
#[derive(Debug, Clone)]
pub(crate) struct FoundLink {
    /// Byte range of the link in the normalised text.
    pub range: std::ops::Range<usize>,
    /// The link, judged.
    pub link: Link,
}

/// At most this many links per message: the verdict only needs a few, and it bounds work.
const MAX_LINKS: usize = 16;
/// Longest host we accept (DNS limit), also bounds how far one scan attempt reads.
const MAX_HOST: usize = 253;
/// Most labels in a host we scan; more is not a real-world host (and keeps the scan small).
const MAX_LABELS: usize = 16;
/// Longest path kept, so one giant token cannot make a giant `url`.
const MAX_PATH: usize = 2048;

/// Finds and judges the links in `text`. `mentioned` = indices into `brands.brands` of the
/// brands the message names, so a link can be judged against the brand it claims.
pub(crate) fn find_links(text: &str, brands: &BrandTable, mentioned: &[usize]) -> Vec<FoundLink> {
    // Every link form needs a dot of some kind: skip the scan for most messages.
    if !may_have_link(text) {
        return Vec::new();
    }
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev: Option<char> = None;
    let mut prev2: Option<char> = None;
    while i < b.len() && out.len() < MAX_LINKS {
        // Fast path for CJK and emoji (3- and 4-byte UTF-8): never part of a host, and most
        // of a Chinese message.
        if b[i] >= 0xe0 {
            prev2 = prev;
            prev = Some('\u{3000}');
            i += if b[i] >= 0xf0 { 4 } else { 3 };
            continue;
        }
        let c = if b[i] < 0x80 {
            char::from(b[i])
        } else {
            match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        if is_label_start(c) && can_start(prev, prev2) {
            match parse_at(text, i) {
                Parse::Link(raw) => {
                    let end = raw.end;
                    let needs_brand = raw.needs_brand;
                    let found = judge(raw, brands, mentioned);
                    if !needs_brand
                        || found.link.official_for.is_some()
                        || found.link.imitates.is_some()
                    {
                        out.push(found);
                    }
                    let mut back = text[..end].chars().rev();
                    prev = back.next();
                    prev2 = back.next();
                    i = end;
                    continue;
                }
                Parse::Skip(end) if end > i => {
                    let mut back = text[..end].chars().rev();
                    prev = back.next();
                    prev2 = back.next();
                    i = end;
                    continue;
                }
                Parse::Skip(_) => {}
            }
        }
        prev2 = prev;
        prev = Some(c);
        i += c.len_utf8();
    }
    out
}

/// Whether `text` has a dot of some kind (`.`, `点`, `。`, `dot`), in one pass.
fn may_have_link(text: &str) -> bool {
    // (A byte search per form: faster than one pass comparing every byte with four.)
    let b = text.as_bytes();
    b.contains(&b'.') || text.contains('点') || text.contains('。') || text.contains("dot")
}

// ---------------------------------------------------------------------------------------
// Character classes

/// Letters that may appear in a host label besides ASCII: Latin with accents, IPA, Greek and
/// Cyrillic — the scripts used for look-alike (homoglyph) hosts. CJK ends a link.
fn is_intl_letter(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{02AF}' | '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{052F}')
        && c.is_alphabetic()
}

/// A character that can begin a host label.
#[inline(always)] // (called per character of the text; ASCII answers at once)
fn is_label_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_intl_letter(c)
}

/// A character inside a host label.
fn is_label_char(c: char) -> bool {
    is_label_start(c) || c == '-' || c == '_'
}

/// Whether a host may start after `prev` (and the one before it): not in the middle of a
/// word, a path, an e-mail domain (`support@jd.com`) or a dotted token. `...jd.com` is fine.
fn can_start(prev: Option<char>, prev2: Option<char>) -> bool {
    match prev {
        None => true,
        Some('.') => !prev2.is_some_and(is_label_char),
        Some(p) => {
            !(is_label_char(p)
                || matches!(
                    p,
                    '@' | '/' | '\\' | '%' | '&' | '=' | '?' | '#' | '+' | '~' | '$'
                ))
        }
    }
}

/// Whether `s` has a letter: `12.50` and `3.5` are numbers, not hosts.
fn has_letter(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_ascii_alphabetic() || is_intl_letter(c))
}

// ---------------------------------------------------------------------------------------
// Scanning

/// One host label: a byte range in the text.
#[derive(Debug, Clone, Copy, Default)]
struct Label {
    start: usize,
    end: usize,
}

/// How two labels were joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Sep {
    /// A plain `.`.
    #[default]
    Dot,
    /// A bracketed dot: `[.]`, `(dot)`, `【.】`: unambiguous, but disguised.
    Bracket,
    /// `点`, `。`, ` dot `, ` . `: disguised, and also ordinary text, so only trusted
    /// between labels that both contain a letter.
    Weak,
}

/// The labels of a candidate host, scanned greedily; no allocation.
#[derive(Debug)]
struct HostScan {
    labels: [Label; MAX_LABELS],
    /// `seps[k]` joins label `k - 1` and `k` (`seps[0]` unused).
    seps: [Sep; MAX_LABELS],
    n: usize,
}

impl HostScan {
    fn label<'a>(&self, text: &'a str, k: usize) -> &'a str {
        &text[self.labels[k].start..self.labels[k].end]
    }

    /// Whether labels `0..k` form an IPv4 address.
    fn is_ip(&self, text: &str, k: usize) -> bool {
        k == 4
            && (0..4).all(|j| {
                let l = self.label(text, j).as_bytes();
                (1..=3).contains(&l.len())
                    && l.iter().all(u8::is_ascii_digit)
                    && l.iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0')) <= 255
            })
    }

    fn obfuscated(&self, k: usize) -> bool {
        self.seps[1..k].iter().any(|s| *s != Sep::Dot)
    }

    /// The host made of labels `0..k`, de-obfuscated and lower-cased.
    fn host(&self, text: &str, k: usize) -> String {
        let mut h = String::with_capacity(self.labels[k - 1].end - self.labels[0].start);
        for j in 0..k {
            if j > 0 {
                h.push('.');
            }
            let l = self.label(text, j);
            if l.is_ascii() {
                h.push_str(l);
            } else {
                h.extend(l.chars().flat_map(char::to_lowercase));
            }
        }
        h
    }
}

/// End of the label starting at `p` (== `p` if none); stops a little past 63 bytes so the
/// caller can reject over-long labels without reading further.
fn scan_label(text: &str, p: usize) -> usize {
    let b = text.as_bytes();
    let mut e = p;
    while e < b.len() && e - p <= 64 {
        let c = b[e];
        if c < 0x80 {
            if !(c.is_ascii_alphanumeric() || c == b'-' || c == b'_') {
                break;
            }
            e += 1;
        } else {
            match text[e..].chars().next() {
                Some(ch) if is_intl_letter(ch) => e += ch.len_utf8(),
                _ => break,
            }
        }
    }
    e
}

/// Spaces (at most 2) starting at `p`; returns the position after them.
fn skip_spaces(b: &[u8], p: usize, max: usize) -> usize {
    let mut q = p;
    while q < b.len() && q - p < max && (b[q] == b' ' || b[q] == b'\t') {
        q += 1;
    }
    q
}

/// Bracketed dots seen in scam messages, after full-width folding.
const BRACKET_DOTS: &[&str] = &[
    "[.]",
    "(.)",
    "{.}",
    "<.>",
    "[dot]",
    "(dot)",
    "{dot}",
    "<dot>",
    "[点]",
    "(点)",
    "{点}",
    "【.】",
    "【点】",
    "[。]",
    "(。)",
];

/// Whether the label ending at `p` has a hyphen or a digit (`vip-tk`, `jd2024`). A 点 with
/// spaces around it joins only such coined names: between plain words it is the verb
/// "tap" (`打开 WeChat 点 Me 进入设置`, `在 YouTube 点 Live`), not a disguised dot.
fn coined_label_before(b: &[u8], p: usize) -> bool {
    b[..p]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b'_')
        .any(|c| c.is_ascii_digit() || *c == b'-')
}

/// The separator right after a label at `p`: where the next label starts, and its kind.
fn separator(text: &str, p: usize) -> Option<(usize, Sep)> {
    let b = text.as_bytes();
    let rest = &text[p..];
    match b.get(p)? {
        b'.' => Some((p + 1, Sep::Dot)),
        b' ' | b'\t' => {
            // `jd-refund . top`, `jd-refund .top`, `jd dot com` (spaces before required),
            // `vip-tk 点 com`.
            let q = skip_spaces(b, p, 2);
            if b.get(q) == Some(&b'.') {
                Some((skip_spaces(b, q + 1, 2), Sep::Weak))
            } else if text[q..].starts_with('点') && coined_label_before(b, p) {
                Some((skip_spaces(b, q + '点'.len_utf8(), 2), Sep::Weak))
            } else if text[q..].starts_with("dot") && matches!(b.get(q + 3), Some(b' ' | b'\t')) {
                Some((skip_spaces(b, q + 3, 2), Sep::Weak))
            } else {
                None
            }
        }
        // `jd点com`; `jd-tk点 com` (a `。` with a space after it ends a sentence)
        _ if rest.starts_with('点') => {
            let next = skip_spaces(b, p + 3, 2);
            (next == p + 3 || coined_label_before(b, p)).then_some((next, Sep::Weak))
        }
        _ if rest.starts_with('。') => Some((p + 3, Sep::Weak)),
        b'[' | b'(' | b'{' | b'<' | 0xe3 => BRACKET_DOTS
            .iter()
            .find(|d| rest.starts_with(**d))
            .map(|d| (p + d.len(), Sep::Bracket)),
        _ => None,
    }
}

/// Scans labels and separators from `start`, greedily. `Err(end)` when there is no second
/// label or the run is too long to be a host; the caller resumes scanning at `end`, so each
/// dotted run is read once (linear time).
fn scan_host(text: &str, start: usize) -> Result<HostScan, usize> {
    let end = scan_label(text, start);
    // Most words are not followed by a dot: leave before building the scan.
    if end == start
        || end - start > 63
        || text[start..end].ends_with('-')
        || separator(text, end).is_none()
    {
        return Err(end);
    }
    let mut hs = HostScan {
        labels: [Label::default(); MAX_LABELS],
        seps: [Sep::Dot; MAX_LABELS],
        n: 0,
    };
    hs.labels[0] = Label { start, end };
    hs.n = 1;
    let mut last_end = end;
    while let Some((next, sep)) = separator(text, last_end) {
        let Some(c) = text[next..].chars().next() else {
            break;
        };
        if !is_label_start(c) {
            break;
        }
        let e = scan_label(text, next);
        let label = &text[next..e];
        if e - next > 63 || label.ends_with('-') {
            break;
        }
        if sep == Sep::Weak && !(has_letter(hs.label(text, hs.n - 1)) && has_letter(label)) {
            break;
        }
        if hs.n == MAX_LABELS || e - start > MAX_HOST + 16 {
            return Err(e); // a dotted run too long for a host: skip it whole
        }
        hs.labels[hs.n] = Label {
            start: next,
            end: e,
        };
        hs.seps[hs.n] = sep;
        hs.n += 1;
        last_end = e;
    }
    if hs.n < 2 {
        return Err(last_end);
    }
    Ok(hs)
}

/// A link as scanned, before judging.
#[derive(Debug)]
struct RawLink {
    start: usize,
    end: usize,
    https: bool,
    userinfo: Option<String>,
    host: String,
    port: Option<String>,
    path: String,
    obfuscated: bool,
    is_ip: bool,
    /// Possibly prose (see [`plausible_bare`]): keep only if official or imitating a brand.
    needs_brand: bool,
}

/// Result of trying to read a link at a position.
#[derive(Debug)]
enum Parse {
    Link(RawLink),
    /// No link; the scan may resume at this position (skips dotted runs and e-mails whole).
    Skip(usize),
}

/// Schemes, longest first; `hxxp` is the usual "defanged" spelling.
const SCHEMES: &[(&str, bool, bool)] = &[
    // (word, https, obfuscated)
    ("https", true, false),
    ("hxxps", true, true),
    ("http", false, false),
    ("hxxp", false, true),
];

/// Reads `scheme://`, also the OCR/evasion forms `http: //`, `http //`, `http:/ /`.
/// Returns (position after it, https, obfuscated).
fn parse_scheme(text: &str, i: usize) -> Option<(usize, bool, bool)> {
    let b = text.as_bytes();
    let &(word, https, mut obf) = SCHEMES.iter().find(|(w, ..)| text[i..].starts_with(w))?;
    let mut j = i + word.len();
    let q = skip_spaces(b, j, 2);
    obf |= q != j;
    j = q;
    if b.get(j) == Some(&b':') {
        j += 1;
    } else {
        obf = true;
    }
    let q = skip_spaces(b, j, 2);
    obf |= q != j;
    j = q;
    if b.get(j) != Some(&b'/') {
        return None;
    }
    let q = skip_spaces(b, j + 1, 1);
    obf |= q != j + 1;
    if b.get(q) != Some(&b'/') {
        return None;
    }
    j = q + 1;
    let q = skip_spaces(b, j, 1);
    obf |= q != j;
    Some((q, https, obf))
}

/// Whether `b` ends the authority part (userinfo search) of a URL.
fn is_url_stop(b: u8) -> bool {
    !(0x21..0x7f).contains(&b)
        || matches!(
            b,
            b'"' | b'\''
                | b'<'
                | b'>'
                | b'('
                | b')'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'`'
                | b'\\'
                | b'^'
                | b'|'
        )
}

/// Reads `:port` (1–65535) at `p`; returns the position after it.
fn parse_port(b: &[u8], p: usize) -> Option<usize> {
    if b.get(p) != Some(&b':') {
        return None;
    }
    let mut q = p + 1;
    let mut port = 0u32;
    while q < b.len() && b[q].is_ascii_digit() && q - p <= 5 {
        port = port * 10 + u32::from(b[q] - b'0');
        q += 1;
    }
    let ok = q > p + 1
        && (1..=65535).contains(&port)
        && !b.get(q).is_some_and(|c| c.is_ascii_alphanumeric());
    ok.then_some(q)
}

/// Reads a path/query/fragment at `p` (which must start with `/`, `?` or `#`) and returns
/// its end, without trailing sentence punctuation.
fn parse_path(b: &[u8], p: usize) -> usize {
    if !matches!(b.get(p), Some(b'/' | b'?' | b'#')) {
        return p;
    }
    let mut q = p;
    while q < b.len() && q - p < MAX_PATH && !is_url_stop(b[q]) {
        q += 1;
    }
    while q > p + 1 && matches!(b[q - 1], b'.' | b',' | b';' | b':' | b'!' | b'?') {
        q -= 1;
    }
    q
}

/// Tries to read a link starting at `i` (a label start after a word boundary).
fn parse_at(text: &str, i: usize) -> Parse {
    let b = text.as_bytes();
    if b[i] == b'h' {
        if let Some((j, https, obf)) = parse_scheme(text, i) {
            return match parse_after_scheme(text, i, j, https, obf) {
                Some(raw) => Parse::Link(raw),
                None => Parse::Skip(j),
            };
        }
    }
    parse_bare(text, i)
}

/// A link written with a scheme: any host counts, an `@` in the authority is userinfo.
fn parse_after_scheme(
    text: &str,
    start: usize,
    j: usize,
    https: bool,
    obf: bool,
) -> Option<RawLink> {
    let b = text.as_bytes();
    let mut a = j;
    let mut at = None;
    while a < b.len() && a - j < 256 && !is_url_stop(b[a]) && !matches!(b[a], b'/' | b'?' | b'#') {
        if b[a] == b'@' {
            at = Some(a);
        }
        a += 1;
    }
    let (userinfo, host_start) = match at {
        Some(at) if at > j => (Some(text[j..at].to_string()), at + 1),
        _ => (None, j),
    };
    if !text[host_start..]
        .chars()
        .next()
        .is_some_and(is_label_start)
    {
        return None;
    }
    let hs = scan_host(text, host_start).ok()?;
    // Longest prefix that ends in a known TLD; else the whole host if it was not written with
    // weak separators (so `http://jd.com。app下载` stops at `.com`).
    let k = (2..=hs.n)
        .rev()
        .find(|&k| is_known_tld(hs.label(text, k - 1)) || hs.is_ip(text, k))
        .or_else(|| (!hs.seps[1..hs.n].contains(&Sep::Weak)).then_some(hs.n))?;
    let is_ip = hs.is_ip(text, k);
    if !is_ip && !has_letter(hs.label(text, k - 1)) {
        return None;
    }
    Some(finish(text, start, &hs, k, https, obf, userinfo, is_ip))
}

/// Builds the raw link for host labels `0..k`, reading port and path when the host was not
/// cut short.
#[allow(clippy::too_many_arguments)]
fn finish(
    text: &str,
    start: usize,
    hs: &HostScan,
    k: usize,
    https: bool,
    obf: bool,
    userinfo: Option<String>,
    is_ip: bool,
) -> RawLink {
    let b = text.as_bytes();
    let mut end = hs.labels[k - 1].end;
    let mut port = None;
    let mut path = String::new();
    if k == hs.n {
        if let Some(e) = parse_port(b, end) {
            port = Some(text[end + 1..e].to_string());
            end = e;
        }
        let e = parse_path(b, end);
        path.push_str(&text[end..e]);
        end = e;
    }
    RawLink {
        start,
        end,
        https,
        userinfo,
        host: hs.host(text, k),
        port,
        path,
        obfuscated: obf || hs.obfuscated(k),
        is_ip,
        needs_brand: false,
    }
}

/// Whether a bare host (no scheme) is a link on its own. Two-label hosts without a path
/// that end in an English-word TLD (`held.click` after a missing space) or that are joined
/// by ` dot ` / ` . ` (`the dot com era`) could be prose; they count only when the judge ties
/// them to a brand (official or imitated) — see [`RawLink::needs_brand`].
fn plausible_bare(text: &str, hs: &HostScan, k: usize, has_path_or_port: bool) -> bool {
    if k > 2 || has_path_or_port || hs.seps[1] == Sep::Bracket {
        return true;
    }
    let tld = hs.label(text, k - 1);
    let spaced = hs.seps[1] == Sep::Weak && text.as_bytes()[hs.labels[0].end] == b' ';
    if !is_wordy_tld(tld) && !spaced {
        return true;
    }
    let first = hs.label(text, 0);
    (has_letter(first) && first.bytes().any(|c| c == b'-' || c.is_ascii_digit()))
        || looks_random(first)
}

/// A host in one of the newer gTLDs (`.app`, `.cricket`, …) reads as a link when a path
/// follows (`venmo-secure-login.app/verify`) or its name has a hyphen or digit. Without
/// such evidence `the app.Then` or `no.IPCC/ITT` is prose after a missing space.
fn unlisted_tld_with_path(text: &str, hs: &HostScan, raw_end: usize) -> Option<usize> {
    let name = hs.label(text, hs.n - 2);
    let evidence = text.as_bytes().get(raw_end) == Some(&b'/')
        || name.bytes().any(|c| c == b'-' || c.is_ascii_digit());
    let plausible = is_newer_tld(hs.label(text, hs.n - 1))
        && has_letter(name)
        && evidence
        && !hs.obfuscated(hs.n);
    plausible.then_some(hs.n)
}

/// A link written without a scheme: `jd-refund.top/abc`, `www.xxx.com`, `jd.com@evil.cc`.
fn parse_bare(text: &str, i: usize) -> Parse {
    let b = text.as_bytes();
    let hs = match scan_host(text, i) {
        Ok(hs) => hs,
        Err(end) => return Parse::Skip(end),
    };
    let raw_end = hs.labels[hs.n - 1].end;
    let any_letter = (0..hs.n).any(|j| has_letter(hs.label(text, j)));
    let www = hs.label(text, 0) == "www";
    let k = (2..=hs.n)
        .rev()
        .find(|&k| {
            let tld = hs.label(text, k - 1);
            hs.is_ip(text, k)
                || (any_letter && is_known_tld(tld))
                || (www
                    && k == hs.n
                    && tld.len() >= 2
                    && tld.bytes().all(|c| c.is_ascii_lowercase()))
        })
        .or_else(|| unlisted_tld_with_path(text, &hs, raw_end));
    let Some(k) = k else {
        // `john.doe@gmail.com`: not a link; skip the local part (the domain after `@`
        // cannot start a link).
        return Parse::Skip(raw_end);
    };
    let end = hs.labels[k - 1].end;
    let is_ip = hs.is_ip(text, k);
    if k == hs.n && b.get(end) == Some(&b'@') {
        // `support@jd.com` is an e-mail; `jd.com@evil.cc/x` hides `evil.cc` behind `jd.com`.
        if is_ip || !text[end + 1..].chars().next().is_some_and(is_label_start) {
            return Parse::Skip(end);
        }
        return match scan_host(text, end + 1) {
            Ok(real) => {
                let rk = (2..=real.n)
                    .rev()
                    .find(|&rk| is_known_tld(real.label(text, rk - 1)) || real.is_ip(text, rk));
                match rk {
                    Some(rk) => {
                        let userinfo = Some(hs.host(text, k));
                        let ip = real.is_ip(text, rk);
                        Parse::Link(finish(
                            text,
                            i,
                            &real,
                            rk,
                            false,
                            hs.obfuscated(k),
                            userinfo,
                            ip,
                        ))
                    }
                    None => Parse::Skip(real.labels[real.n - 1].end),
                }
            }
            Err(e) => Parse::Skip(e),
        };
    }
    let has_more = k == hs.n && matches!(b.get(end), Some(b':' | b'/' | b'?' | b'#'));
    let mut raw = finish(text, i, &hs, k, false, false, None, is_ip);
    let extra = raw.port.is_some() || !raw.path.is_empty();
    // A bare IP is only a link with a port or path; `1.2.3.4` alone is a version number.
    if is_ip && !extra {
        return Parse::Skip(raw_end);
    }
    raw.needs_brand = !is_ip && !www && !plausible_bare(text, &hs, k, has_more && extra);
    Parse::Link(raw)
}

// ---------------------------------------------------------------------------------------
// Static lists: `matches!` compiles to length switches and inline compares, much faster
// than a binary search over `&str`s; the lists are also kept as arrays for the tests.

/// Defines `fn $name(&str) -> bool` for a fixed set of strings (and, in tests, the set).
macro_rules! str_set {
    ($(#[$doc:meta])* $name:ident / $list:ident = [$($s:literal),* $(,)?]) => {
        $(#[$doc])*
        fn $name(s: &str) -> bool {
            matches!(s, $($s)|*)
        }
        #[cfg(test)]
        const $list: &[&str] = &[$($s),*];
    };
}

str_set! {
    /// Bare domain TLDs that are ordinary words (or chat words like `lol`): a bare `held.click` after a
    /// missing space is prose, so these need more evidence (see [`plausible_bare`]).
    is_wordy_tld / WORDY_TLDS = ["bid", "bond", "click", "date", "fun", "help", "in", "la", "life", "link", "live", "loan", "lol", "me", "men", "my", "online", "pro", "racing", "rest", "review", "shop", "site", "space", "store", "support", "to", "today", "us", "website", "win", "work", "world"]
}

str_set! {
    /// TLDs accepted for bare domains: common gTLDs and ccTLDs. Left out on purpose because
    /// they are ordinary words or file extensions after a missing space: `so`, `is`, `it`, `at`,
    /// `am`, `as`, `be`, `do`, `no`, `li`, `md`, `zip`, `mov`, `app`.
    is_known_tld / KNOWN_TLDS = ["ae", "ai", "ar", "asia", "au", "bd", "bid", "biz", "bond", "br", "buzz", "ca", "cc", "cf", "cfd", "ch", "cl", "click", "cloud", "club", "cn", "co", "com", "cyou", "cz", "date", "de", "dk", "edu", "eg", "es", "eu", "fi", "fr", "fun", "ga", "gov", "gq", "gr", "help", "hk", "hu", "icu", "id", "ie", "il", "in", "info", "ink", "io", "ir", "jp", "kh", "kr", "la", "life", "link", "live", "lk", "loan", "lol", "ltd", "ly", "me", "men", "mil", "ml", "mm", "mo", "mobi", "monster", "mx", "my", "net", "ng", "nl", "np", "nu", "nz", "online", "org", "ph", "pk", "pl", "pro", "pt", "pw", "racing", "ren", "rest", "review", "ro", "ru", "sa", "sbs", "se", "sg", "shop", "site", "space", "store", "su", "support", "th", "tk", "to", "today", "top", "tr", "tv", "tw", "ua", "uk", "us", "vip", "vn", "wang", "website", "win", "work", "world", "ws", "xin", "xyz", "za"]
}

str_set! {
    /// Real TLDs that are too word-like for [`is_known_tld`] but common in scam links; they
    /// count with extra evidence (see [`unlisted_tld_with_path`]).
    is_newer_tld / NEWER_TLDS = ["app", "autos", "bar", "beauty", "best", "boats", "cam", "cards", "cash", "center", "claims", "credit", "cricket", "deals", "delivery", "dev", "digital", "do", "email", "express", "finance", "gd", "gdn", "gg", "group", "hair", "homes", "lat", "loans", "makeup", "mom", "money", "network", "one", "page", "pics", "quest", "services", "skin", "tax", "tech", "uno", "yachts", "zone"]
}

str_set! {
    /// TLDs popular with throw-away scam sites.
    is_risky_tld / RISKY_TLDS = ["asia", "bid", "biz", "bond", "buzz", "cc", "cf", "cfd", "click", "club", "cyou", "date", "fun", "ga", "gq", "help", "icu", "info", "life", "link", "live", "loan", "lol", "men", "ml", "monster", "online", "pro", "pw", "racing", "rest", "review", "sbs", "shop", "site", "space", "store", "support", "tk", "today", "top", "vip", "website", "win", "work", "world", "ws", "xyz"]
}

str_set! {
    /// TLDs where ordinary businesses live. Any other TLD in an SMS link (the many new
    /// gTLDs such as `.cricket`, `.hair`, `.directory`) is treated as throw-away.
    is_mainstream_tld / MAINSTREAM_TLDS = ["ae", "ai", "app", "ar", "at", "au", "bd", "be", "bg", "br", "ca", "ch", "cl", "cn", "co", "com", "cz", "de", "dev", "dk", "edu", "eg", "es", "eu", "fi", "fr", "gh", "gov", "gr", "hk", "hr", "hu", "id", "ie", "il", "in", "int", "io", "it", "jp", "ke", "kr", "lk", "lt", "lu", "ma", "me", "mil", "mo", "mx", "my", "net", "ng", "nl", "no", "np", "nz", "org", "pe", "ph", "pk", "pl", "pt", "qa", "ro", "rs", "ru", "sa", "se", "sg", "si", "sk", "th", "tr", "tv", "tw", "ua", "uk", "us", "vn", "za"]
}

/// A registrable domain whose main label is a random-looking string (`ywrfyp.com`,
/// `fkggnl.com`): six or more consonants in a row (five catches `consultingltd`). Generated throw-away domains look
/// like this; names people choose, even abbreviations, rarely do.
fn looks_random(domain: &str) -> bool {
    let label = domain.split('.').next().unwrap_or("");
    let mut run = 0;
    for b in label.bytes() {
        if b.is_ascii_alphabetic() && !matches!(b, b'a' | b'e' | b'i' | b'o' | b'u') {
            run += 1;
            if run >= 6 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

str_set! {
    /// Hosts whose links open a chat or group invite on a messenger.
    is_chat_invite_host / CHAT_INVITE_HOSTS = ["chat.whatsapp.com", "lin.ee", "line.me", "t.me", "telegram.me", "wa.me"]
}

str_set! {
    /// URL shorteners (registrable domains). Brand-owned ones (`3.cn`, `u.jd.com`, `amzn.to`)
    /// come from the brand table instead, which is checked first.
    is_shortener / SHORTENERS = ["bit.ly", "bitly.com", "buff.ly", "cutt.ly", "dwz.cn", "goo.gl", "is.gd", "ow.ly", "rb.gy", "rebrand.ly", "s.id", "shorturl.at", "suo.im", "t.cn", "t.co", "t.ly", "tiny.cc", "tinyurl.com", "u.nu", "url.cn", "v.gd"]
}

str_set! {
    /// Second-level public suffixes under which the registrable domain has three labels.
    is_two_level_suffix / TWO_LEVEL_SUFFIXES = ["ac.jp", "ac.uk", "co.id", "co.in", "co.jp", "co.ke", "co.kr", "co.nz", "co.th", "co.uk", "co.za", "com.au", "com.bd", "com.br", "com.cn", "com.eg", "com.hk", "com.mo", "com.my", "com.ng", "com.ph", "com.pk", "com.sg", "com.tw", "com.vn", "edu.cn", "edu.hk", "edu.ng", "edu.tw", "gov.cn", "gov.hk", "gov.ng", "gov.tw", "gov.uk", "idv.tw", "ne.jp", "net.au", "net.cn", "net.tw", "or.jp", "org.au", "org.cn", "org.hk", "org.ng", "org.tw", "org.uk"]
}

/// The name a site is registered under: `airasia` for `www.airasia.com`, `hsbc` for
/// `hsbc.co.uk`.
pub(crate) fn site_name(host: &str) -> &str {
    let r = registrable(host);
    r.split('.').next().unwrap_or(r)
}

/// Whether `host` is registered under `.com`, `.net`, `.org` or a country's `.com.xx` /
/// `.co.xx`, where companies keep their sites (not `.co`, `.top` and the like, where a
/// look-alike of a name is cheap).
pub(crate) fn has_company_suffix(host: &str) -> bool {
    let suffix = registrable(host).split_once('.').map_or("", |(_, s)| s);
    matches!(suffix, "com" | "net" | "org")
        || suffix.starts_with("com.")
        || suffix.starts_with("co.")
}

/// The registrable domain of `host`: the last two labels, or three under a two-level suffix.
fn registrable(host: &str) -> &str {
    let b = host.as_bytes();
    let mut dots = (0..b.len()).rev().filter(|&p| b[p] == b'.');
    let (Some(_last), Some(second)) = (dots.next(), dots.next()) else {
        return host;
    };
    if is_two_level_suffix(&host[second + 1..]) {
        return dots.next().map_or(host, |third| &host[third + 1..]);
    }
    &host[second + 1..]
}

// ---------------------------------------------------------------------------------------
// Judging

/// Marks a link the normaliser joined up (`h t t p s : / / jd - tk . top`): spaced out in
/// what the user received, so obfuscated even though the joined text reads plainly.
pub(crate) fn mark_obfuscated(fl: &mut FoundLink) {
    let findings = &mut fl.link.findings;
    if !findings.contains(&LinkFinding::Obfuscated) {
        findings.push(LinkFinding::Obfuscated);
        findings.sort_by_key(|f| rank(*f));
    }
}

/// Severity rank: findings are listed most serious first; Official last.
fn rank(f: LinkFinding) -> u8 {
    match f {
        LinkFinding::IpHost => 0,
        LinkFinding::Userinfo => 1,
        LinkFinding::DeceptiveSubdomain => 2,
        LinkFinding::BrandLookalike => 3,
        LinkFinding::Punycode => 4,
        LinkFinding::ApkDownload => 5,
        LinkFinding::Obfuscated => 6,
        LinkFinding::Shortener => 7,
        LinkFinding::RiskyTld => 8,
        LinkFinding::RandomLooking => 9,
        LinkFinding::ChatInvite => 10,
        LinkFinding::Unofficial => 11,
        LinkFinding::Official => 12,
    }
}

/// Judges a scanned link against the brand table.
fn judge(raw: RawLink, brands: &BrandTable, mentioned: &[usize]) -> FoundLink {
    let domain = if raw.is_ip {
        raw.host.clone()
    } else {
        registrable(&raw.host).to_string()
    };
    let query_at = raw.path.bytes().position(|c| c == b'?' || c == b'#');
    let path_only = &raw.path[..query_at.unwrap_or(raw.path.len())];
    let apk = path_only.ends_with(".apk");
    let mut findings = Vec::with_capacity(4);
    let mut official_for = None;
    let mut imitates = None;
    let chat_invite = !raw.is_ip && is_chat_invite_host(&raw.host);
    let official = if raw.is_ip || chat_invite {
        None
    } else {
        brands.official_owner(&raw.host)
    };
    if chat_invite {
        // A group or chat invite is not the company's own channel, whoever hosts it.
        findings.push(LinkFinding::ChatInvite);
    } else if let Some(b) = official {
        findings.push(LinkFinding::Official);
        official_for = Some(brands.brands[b].id.clone());
    } else {
        if raw.is_ip {
            findings.push(LinkFinding::IpHost);
        }
        if let Some(user) = &raw.userinfo {
            findings.push(LinkFinding::Userinfo);
            // `http://jd.com@evil.cc`: the part before `@` names the brand being faked.
            imitates = brands
                .official_owner(registrable(user))
                .or_else(|| imitation(&skeleton(user), brands, mentioned).map(|(b, _)| b));
        }
        let idn = !raw.host.is_ascii()
            || raw.host.starts_with("xn--")
            || has_sub(raw.host.as_bytes(), b".xn--");
        if !raw.is_ip {
            let skel = if idn {
                skeleton(&raw.host)
            } else {
                raw.host.clone()
            };
            let found = if idn && skel != raw.host {
                // A homoglyph spelling of an official host is a lookalike of that brand.
                brands
                    .official_owner(&skel)
                    .map(|b| (b, LinkFinding::BrandLookalike))
                    .or_else(|| imitation(&skel, brands, mentioned))
            } else {
                imitation(&skel, brands, mentioned)
            };
            if let Some((b, finding)) = found {
                findings.push(finding);
                imitates = Some(b);
            }
        }
        if idn {
            findings.push(LinkFinding::Punycode);
        }
        if !raw.is_ip && is_shortener(&domain) {
            findings.push(LinkFinding::Shortener);
        }
        let tld = raw.host.rsplit('.').next().unwrap_or("");
        let shortener = !raw.is_ip && is_shortener(&domain);
        if !raw.is_ip && !shortener && (is_risky_tld(tld) || !is_mainstream_tld(tld)) {
            findings.push(LinkFinding::RiskyTld);
        }
        if !raw.is_ip && !idn && !shortener && imitates.is_none() && looks_random(&domain) {
            findings.push(LinkFinding::RandomLooking);
        }
        findings.push(LinkFinding::Unofficial);
    }
    if apk {
        findings.push(LinkFinding::ApkDownload);
    }
    if raw.obfuscated {
        findings.push(LinkFinding::Obfuscated);
    }
    findings.sort_by_key(|f| rank(*f));

    let mut url = String::with_capacity(raw.host.len() + raw.path.len() + 16);
    url.push_str(if raw.https { "https://" } else { "http://" });
    if let Some(user) = &raw.userinfo {
        url.push_str(user);
        url.push('@');
    }
    url.push_str(&raw.host);
    if let Some(port) = &raw.port {
        url.push(':');
        url.push_str(port);
    }
    url.push_str(&raw.path);
    FoundLink {
        range: raw.start..raw.end,
        link: Link {
            span: Span {
                start: raw.start,
                end: raw.end,
            },
            url,
            host: raw.host,
            domain,
            official_for,
            imitates: imitates.map(|b: usize| brands.brands[b].id.clone()),
            findings,
        },
    }
}

/// Brand indices to try: the brands the message names first, so a link is judged against the
/// brand it claims, then the rest.
fn brand_order<'a>(
    brands: &'a BrandTable,
    mentioned: &'a [usize],
) -> impl Iterator<Item = usize> + 'a {
    let n = brands.brands.len();
    mentioned
        .iter()
        .copied()
        .filter(move |&b| b < n)
        .chain((0..n).filter(move |b| !mentioned.contains(b)))
}

/// The first label of a brand domain (`taobao` for `taobao.com`): brand domains are
/// registrable domains already.
fn main_label(domain: &str) -> &str {
    domain.split_once('.').map_or(domain, |(l, _)| l)
}

/// Naive substring test: labels and brand names are short, so this beats setting up
/// `str::contains`'s two-way searcher for every pair.
fn has_sub(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && hay.len() >= needle.len()
        && hay
            .windows(needle.len())
            .any(|w| w[0] == needle[0] && w == needle)
}

/// What a host name is compared against for one brand, prepared once per engine.
#[derive(Debug, Clone, Default)]
pub(crate) struct BrandKeys {
    /// ASCII words that stand for the brand: its ASCII aliases, with their [`letters`].
    /// (Official domain labels such as `live` or `office` are ordinary words, so they only
    /// count through the spelling test, never as substrings.)
    tokens: Vec<(String, u64)>,
    /// The [`letters`] of each official domain, in the brand's order.
    domain_letters: Vec<u64>,
    /// Main labels of its official domains with look-alikes folded, and their original
    /// length, for the spelling test ([`looks_like`]); only labels of 4+ bytes with a letter.
    labels: Vec<(String, usize)>,
    /// Quick refusals, so the look-alike test passes over most of ~230 brands with a
    /// mask or two: the letters all tokens, all official domains and all `labels` share
    /// (all bits when there are none), and the folded lengths of `labels`.
    token_common: u64,
    domain_common: u64,
    label_common: u64,
    label_lens: u64,
}

impl BrandKeys {
    pub(crate) fn of(brand: &crate::brands::Brand) -> BrandKeys {
        let tokens = brand
            .aliases
            .iter()
            .filter(|t| {
                t.len() >= 2 && t.bytes().all(|c| c.is_ascii_alphanumeric()) && has_letter(t)
            })
            .map(|t| (t.clone(), letters(t)))
            .collect::<Vec<_>>();
        let domain_letters = brand.domains.iter().map(|d| letters(d)).collect::<Vec<_>>();
        let labels = brand
            .domains
            .iter()
            .map(|d| main_label(d))
            .filter(|l| l.len() >= 4 && has_letter(l))
            .map(|l| (fold_lookalikes(l).into_owned(), l.len()))
            .collect::<Vec<_>>();
        BrandKeys {
            token_common: common_letters(tokens.iter().map(|(_, m)| *m)),
            domain_common: common_letters(domain_letters.iter().copied()),
            label_common: common_letters(labels.iter().map(|(l, _)| letters(l))),
            label_lens: labels.iter().fold(0u64, |a, (l, _)| a | len_bit(l.len())),
            tokens,
            domain_letters,
            labels,
        }
    }

    /// Whether a label with `letters` and folded length `len` may carry a token or
    /// be one spelling edit from a label (necessary for [`imitation`]'s main-label test):
    /// one edit leaves out at most one letter of the official label.
    fn may_match_label(&self, letters: u64, len: usize) -> bool {
        let near = len_bit(len.saturating_sub(1)) | len_bit(len) | len_bit(len + 1);
        let missing = self.label_common & !letters;
        self.token_common & !letters == 0
            || (self.label_lens & near != 0 && missing & missing.wrapping_sub(1) == 0)
    }
}

/// The letters all of `masks` have (all bits when there are none, which no label has).
fn common_letters(masks: impl Iterator<Item = u64>) -> u64 {
    masks.fold(u64::MAX, |a, m| a & m)
}

/// A length as one bit; lengths of 63 and more share the last.
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The set of ASCII letters and digits in `s`, as bits: a cheap test that a token cannot
/// occur in a label (it has a letter the label lacks) before any substring search.
fn letters(s: &str) -> u64 {
    s.bytes().fold(0, |m, c| match c {
        b'a'..=b'z' => m | 1 << (c - b'a'),
        b'0'..=b'9' => m | 1 << (26 + c - b'0'),
        _ => m,
    })
}

/// A host label prepared for the brand tests: as written, look-alikes folded, and the
/// letters of both.
struct LabelView<'a> {
    label: &'a str,
    folded: Cow<'a, str>,
    letters: u64,
}

impl<'a> LabelView<'a> {
    fn new(label: &'a str) -> LabelView<'a> {
        let folded = fold_lookalikes(label);
        let letters = letters(label) | letters(&folded);
        LabelView {
            label,
            folded,
            letters,
        }
    }

    /// Whether the label carries one of the brand's tokens.
    fn has_any(&self, tokens: &[(String, u64)], loose: bool) -> bool {
        tokens.iter().any(|(t, mask)| {
            mask & !self.letters == 0 && label_has_token(self.label, &self.folded, t, loose)
        })
    }
}

/// Whether host label `label` carries brand token `token`. Long tokens (`taobao`) match
/// anywhere; short ones (`jd`, `tb`) must stand alone between `-`, `_` or digits, or, when
/// the message names the brand, may also start or end the label (`jdrefund`).
fn label_has_token(label: &str, folded: &str, token: &str, loose: bool) -> bool {
    if token.len() >= 4 {
        return has_sub(label.as_bytes(), token.as_bytes())
            || has_sub(folded.as_bytes(), token.as_bytes());
    }
    label
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w == token)
        || (loose && (label.starts_with(token) || label.ends_with(token)))
}

/// Folds the digit and letter-pair look-alikes (`0`→`o`, `1`→`l`, `rn`→`m`, `vv`→`w`).
/// Borrows when there is nothing to fold, the usual case.
fn fold_lookalikes(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let foldable = |i: usize| match b[i] {
        b'0' | b'1' => true,
        b'r' => b.get(i + 1) == Some(&b'n'),
        b'v' => b.get(i + 1) == Some(&b'v'),
        c => !c.is_ascii(),
    };
    if !(0..b.len()).any(foldable) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        match (b[i], b.get(i + 1)) {
            (b'r', Some(b'n')) => {
                out.push('m');
                i += 2;
                continue;
            }
            (b'v', Some(b'v')) => {
                out.push('w');
                i += 2;
                continue;
            }
            (b'0', _) => out.push('o'),
            (b'1', _) => out.push('l'),
            (c, _) if c.is_ascii() => out.push(c as char),
            _ => {}
        }
        i += 1;
    }
    Cow::Owned(out)
}

/// Whether `hay` (dot-separated labels) contains the labels of `domain` in sequence:
/// `login.taobao.com` contains `taobao.com`, `mytaobao.com` does not.
fn contains_labels(hay: &str, domain: &str) -> bool {
    let (h, d) = (hay.as_bytes(), domain.as_bytes());
    h.len() >= d.len()
        && (0..=h.len() - d.len()).any(|at| {
            let end = at + d.len();
            (at == 0 || h[at - 1] == b'.') && (end == h.len() || h[end] == b'.') && &h[at..end] == d
        })
}

/// Whether `hay` contains `domain` written with `-` for `.` (`jd-com`, `taobao-com`).
fn contains_dashed(hay: &str, domain: &str) -> bool {
    let (h, d) = (hay.as_bytes(), domain.as_bytes());
    d.contains(&b'.')
        && h.windows(d.len()).any(|w| {
            w.iter()
                .zip(d)
                .all(|(x, y)| x == y || (*y == b'.' && *x == b'-'))
        })
}

/// Damerau-Levenshtein distance ≤ 1 (one substitution, insertion, deletion or adjacent swap).
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    if a.len() == b.len() {
        let mut diffs = (0..a.len()).filter(|&i| a[i] != b[i]);
        return match (diffs.next(), diffs.next(), diffs.next()) {
            (Some(_), None, _) => true,
            (Some(i), Some(j), None) => j == i + 1 && a[i] == b[j] && a[j] == b[i],
            _ => false,
        };
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() != 1 {
        return false;
    }
    let i = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    short[i..] == long[i + 1..]
}

/// Whether a registrable label (look-alikes folded) imitates an official label (folded,
/// `official_len` bytes before folding) by spelling: equal after folding (`amaz0n`,
/// `paypa1`, `arnazon`) or one edit away from a long enough name (`taobaoo`, `amazom`).
/// Short names (`jd`) would match too much by edit.
fn looks_like(folded: &str, official: &str, official_len: usize, loose: bool) -> bool {
    if folded.len().abs_diff(official.len()) > 1 {
        return false;
    }
    folded == official
        || (official_len >= if loose { 5 } else { 6 }
            && within_one_edit(folded.as_bytes(), official.as_bytes()))
}

/// What brand a non-official host (homoglyphs already folded) imitates, and how.
fn imitation(host: &str, brands: &BrandTable, mentioned: &[usize]) -> Option<(usize, LinkFinding)> {
    let domain = registrable(host);
    let sub = host[..host.len() - domain.len()].trim_end_matches('.');
    let main = LabelView::new(domain.split('.').next().unwrap_or(""));
    if !sub.is_empty() {
        let sub_letters = letters(sub);
        let sub_labels: Vec<LabelView<'_>> = sub.split('.').map(LabelView::new).collect();
        let label_letters = sub_labels.iter().fold(0u64, |a, l| a | l.letters);
        for b in brand_order(brands, mentioned) {
            let keys = &brands.keys[b];
            // Neither a whole official domain nor a token can be in the subdomain.
            if keys.domain_common & !sub_letters != 0 && keys.token_common & !label_letters != 0 {
                continue;
            }
            let loose = mentioned.contains(&b);
            let in_sub = brands.brands[b]
                .domains
                .iter()
                .zip(&keys.domain_letters)
                .any(|(d, mask)| {
                    // `taobao.com.refund-cn.xyz`, `jd-com.secure-refund.top`
                    mask & !sub_letters == 0 && (contains_labels(sub, d) || contains_dashed(sub, d))
                })
                || sub_labels.iter().any(|l| l.has_any(&keys.tokens, loose));
            if in_sub {
                return Some((b, LinkFinding::DeceptiveSubdomain));
            }
        }
    }
    for b in brand_order(brands, mentioned) {
        let keys = &brands.keys[b];
        if !keys.may_match_label(main.letters, main.folded.len()) {
            continue;
        }
        let loose = mentioned.contains(&b);
        if main.has_any(&keys.tokens, loose)
            || keys
                .labels
                .iter()
                .any(|(l, len)| looks_like(&main.folded, l, *len, loose))
        {
            return Some((b, LinkFinding::BrandLookalike));
        }
    }
    None
}

/// The host as it looks: punycode labels decoded and Cyrillic/Greek/accented look-alike
/// letters folded to ASCII, so `xn--mazon-3ve.com` and `tаobao.com` compare as
/// `amazon.com` and `taobao.com`.
fn skeleton(host: &str) -> String {
    let mut out = String::with_capacity(host.len());
    for (j, label) in host.split('.').enumerate() {
        if j > 0 {
            out.push('.');
        }
        let decoded = label.strip_prefix("xn--").and_then(punycode_decode);
        let label = decoded.as_deref().unwrap_or(label);
        out.extend(label.chars().map(fold_homoglyph));
    }
    out
}

/// The ASCII letter a look-alike letter is mistaken for (itself if none).
fn fold_homoglyph(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        'а' | 'α' | 'ɑ' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'в' | 'ь' | 'β' | 'ъ' => 'b',
        'с' | 'ϲ' | 'ç' | 'ć' | 'č' => 'c',
        'ԁ' | 'ď' | 'đ' => 'd',
        'е' | 'ё' | 'ε' | 'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ɡ' | 'ğ' => 'g',
        'һ' | 'н' => 'h',
        'і' | 'ї' | 'ι' | 'ı' | 'ɩ' | 'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'ӏ' | 'ł' | 'ľ' => 'l',
        'м' => 'm',
        'η' | 'п' | 'ñ' | 'ń' | 'ň' => 'n',
        'о' | 'ο' | 'σ' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'г' | 'ř' => 'r',
        'ѕ' | 'ś' | 'š' | 'ş' => 's',
        'т' | 'τ' | 'ť' => 't',
        'υ' | 'μ' | 'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ν' | 'ѵ' => 'v',
        'ԝ' | 'ω' | 'ш' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' | 'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => c,
    }
}

/// Decodes a punycode label (RFC 3492, the part after `xn--`). `None` if malformed.
fn punycode_decode(input: &str) -> Option<String> {
    const BASE: u32 = 36;
    const TMIN: u32 = 1;
    const TMAX: u32 = 26;
    let (basic, ext) = match input.rfind('-') {
        Some(p) => (&input[..p], &input[p + 1..]),
        None => ("", input),
    };
    if !basic.is_ascii() || !ext.is_ascii() || input.len() > 63 {
        return None;
    }
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = ext.bytes();
    let mut first = true;
    while digits.len() > 0 {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let d = match digits.next()? {
                c @ b'a'..=b'z' => u32::from(c - b'a'),
                c @ b'0'..=b'9' => u32::from(c - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = if k <= bias {
                TMIN
            } else if k >= bias + TMAX {
                TMAX
            } else {
                k - bias
            };
            if d < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = out.len() as u32 + 1;
        // Bias adaptation (RFC 3492 §6.1).
        let mut delta = if first {
            (i - old_i) / 700
        } else {
            (i - old_i) / 2
        };
        first = false;
        delta += delta / len;
        let mut kk = 0;
        while delta > ((BASE - TMIN) * TMAX) / 2 {
            delta /= BASE - TMIN;
            kk += BASE;
        }
        bias = kk + (BASE - TMIN + 1) * delta / (delta + 38);
        n = n.checked_add(i / len)?;
        i %= len;
        out.insert(i as usize, char::from_u32(n)?);
        i += 1;
    }
    Some(out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brands::Brand;
    use crate::verdict::Explanation;

    fn brand(id: &str, aliases: &[&str], domains: &[&str]) -> Brand {
        Brand {
            id: id.into(),
            name: Explanation {
                zh: id.into(),
                en: id.into(),
            },
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            domains: domains.iter().map(|s| s.to_string()).collect(),
            senders: Vec::new(),
        }
    }

    fn table() -> BrandTable {
        BrandTable::new(vec![
            brand(
                "taobao",
                &["淘宝", "天猫", "taobao", "tmall", "tb", "alipay"],
                &["taobao.com", "tmall.com", "tb.cn", "alipay.com"],
            ),
            brand("jd", &["京东", "jd"], &["jd.com", "3.cn", "jd.hk"]),
            brand(
                "pinduoduo",
                &["拼多多", "pdd"],
                &["pinduoduo.com", "yangkeduo.com"],
            ),
            brand(
                "amazon",
                &["amazon"],
                &["amazon.com", "amazon.co.uk", "amazon.cn", "amzn.to"],
            ),
            brand("paypal", &["paypal"], &["paypal.com"]),
            brand("microsoft", &["microsoft"], &["microsoft.com", "live.com"]),
        ])
        .expect("brand table")
    }

    /// Runs the finder the way the engine does: with the brands the text mentions.
    fn run(text: &str) -> Vec<FoundLink> {
        let t = table();
        let mentioned: Vec<usize> = t.mentioned(text).into_iter().map(|(b, _)| b).collect();
        find_links(text, &t, &mentioned)
    }

    /// (text, findings of its one link — empty: no link at all, imitated brand)
    const CASES: &[(&str, &[&str], Option<&str>)] = &[
        (
            "join https://chat.whatsapp.com/HGEBAfdiEjk6U06",
            &["chat_invite"],
            None,
        ),
        // Official domain labels that are ordinary words are not brand names.
        ("www.livestream.com", &["unofficial"], None),
        ("www.kclvirtualoffice.com", &["unofficial"], None),
        // Official domains and brand shorteners.
        ("请登录jd.com查询订单", &["official"], None),
        ("详情 m.tb.cn/h.5abcd?sm=1 。", &["official"], None),
        ("京东短链 3.cn/1x2y3z", &["official"], None),
        ("u.jd.com/xyz123", &["official"], None),
        ("amazon: amzn.to/3abc", &["official"], None),
        ("see https://www.amazon.co.uk/gp/css.", &["official"], None),
        (
            "京东app下载 https://jd.com/app/jd.apk",
            &["apk_download", "official"],
            None,
        ),
        ("官网jd点com", &["obfuscated", "official"], None),
        ("visit jd.com. thanks", &["official"], None),
        // IP hosts and userinfo.
        (
            "点击 http://192.168.1.10:8080/login 领取",
            &["ip_host", "unofficial"],
            None,
        ),
        ("登录 45.77.12.3/pay", &["ip_host", "unofficial"], None),
        ("http://8.8.8.8", &["ip_host", "unofficial"], None),
        (
            "http://jd.com@evil.cc/x",
            &["userinfo", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "jd.com@evil.cc/x",
            &["userinfo", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        // Deceptive subdomains.
        (
            "taobao.com.refund-cn.xyz/claim",
            &["deceptive_subdomain", "risky_tld", "unofficial"],
            Some("taobao"),
        ),
        (
            "https://jd-com.secure-refund.top",
            &["deceptive_subdomain", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "amazon.co.uk.refund-help.com/a",
            &["deceptive_subdomain", "unofficial"],
            Some("amazon"),
        ),
        (
            "https://www.paypal.com.secure-login.info/",
            &["deceptive_subdomain", "risky_tld", "unofficial"],
            Some("paypal"),
        ),
        (
            "tmall.refund-cn.xyz",
            &["deceptive_subdomain", "risky_tld", "unofficial"],
            Some("taobao"),
        ),
        // Brand lookalikes.
        (
            "【淘宝】退款 http://tb-refund.cc/abc",
            &["brand_lookalike", "risky_tld", "unofficial"],
            Some("taobao"),
        ),
        (
            "https://jd-refund.top/abc",
            &["brand_lookalike", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "jd-tuikuan.top",
            &["brand_lookalike", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "客服 taobao-kf.com",
            &["brand_lookalike", "unofficial"],
            Some("taobao"),
        ),
        (
            "amazon-refund-center.com",
            &["brand_lookalike", "unofficial"],
            Some("amazon"),
        ),
        (
            "amaz0n.com/refund",
            &["brand_lookalike", "unofficial"],
            Some("amazon"),
        ),
        (
            "paypa1.com",
            &["brand_lookalike", "unofficial"],
            Some("paypal"),
        ),
        (
            "taobaoo.com",
            &["brand_lookalike", "unofficial"],
            Some("taobao"),
        ),
        (
            "arnazon.com",
            &["brand_lookalike", "unofficial"],
            Some("amazon"),
        ),
        (
            "pdd-kf.com",
            &["brand_lookalike", "unofficial"],
            Some("pinduoduo"),
        ),
        (
            "alipay-verify.net",
            &["brand_lookalike", "unofficial"],
            Some("taobao"),
        ),
        (
            "【京东】退款 jdrefund.top",
            &["brand_lookalike", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        // Punycode and homoglyphs.
        (
            "https://xn--mazon-3ve.com/login",
            &["brand_lookalike", "punycode", "unofficial"],
            Some("amazon"),
        ),
        (
            "tаobao.com",
            &["brand_lookalike", "punycode", "unofficial"],
            Some("taobao"),
        ),
        (
            "http://pаypal.com",
            &["brand_lookalike", "punycode", "unofficial"],
            Some("paypal"),
        ),
        ("xn--e1afmkfd.com", &["punycode", "unofficial"], None),
        // APK downloads.
        (
            "http://dl.fast-app.xyz/tb.apk",
            &["apk_download", "risky_tld", "unofficial"],
            None,
        ),
        (
            "下载 update-app.com/v2/setup.apk?x=1",
            &["apk_download", "unofficial"],
            None,
        ),
        // Obfuscation.
        (
            "hxxps://jd-refund[.]top/abc",
            &["brand_lookalike", "obfuscated", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "jd-refund . top/abc",
            &["brand_lookalike", "obfuscated", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "jd-refund(.)top",
            &["brand_lookalike", "obfuscated", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "jd-refund{.}top",
            &["brand_lookalike", "obfuscated", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "jd-refund[dot]top",
            &["brand_lookalike", "obfuscated", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "go to jd-refund dot top now",
            &["brand_lookalike", "obfuscated", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "退款 jd-tuikuan点top",
            &["brand_lookalike", "obfuscated", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "退款请访问 jd-tuikuan 点 top 办理",
            &["brand_lookalike", "obfuscated", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "退款 jd-tuikuan。top",
            &["brand_lookalike", "obfuscated", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        (
            "http: //refund-center.vip/x",
            &["obfuscated", "risky_tld", "unofficial"],
            None,
        ),
        (
            "http //refund-center.vip/x",
            &["obfuscated", "risky_tld", "unofficial"],
            None,
        ),
        (
            "hxxp://refund-center[.]vip",
            &["obfuscated", "risky_tld", "unofficial"],
            None,
        ),
        // Shorteners.
        ("t.cn/a1b2c3", &["shortener", "unofficial"], None),
        (
            "点击 bit.ly/3xyzAB 查看",
            &["shortener", "unofficial"],
            None,
        ),
        (
            "https://tinyurl.com/y7abc",
            &["shortener", "unofficial"],
            None,
        ),
        // Plain unofficial and risky TLDs.
        ("www.xxx.com", &["unofficial"], None),
        ("example.us/x", &["unofficial"], None),
        ("my-site.me", &["unofficial"], None),
        ("refund-center.online", &["risky_tld", "unofficial"], None),
        ("http://evil.zzzz/x", &["risky_tld", "unofficial"], None),
        ("访问www.abc.cn。谢谢", &["unofficial"], None),
        ("http://jd.com。app下载", &["official"], None),
        // Unlisted TLDs count with a path; file names do not.
        (
            "restore your paypal at paypal-secure-login.app/verify now",
            &["brand_lookalike", "unofficial"],
            Some("paypal"),
        ),
        (
            "claim at prize-desk.cricket/win",
            &["risky_tld", "unofficial"],
            None,
        ),
        (
            "accept the funds at paypal.com-refund.center/login",
            &["deceptive_subdomain", "risky_tld", "unofficial"],
            Some("paypal"),
        ),
        ("our study group.Then we ate", &[], None),
        ("download the app.Then cochin.wipro/ibm", &[], None),
        ("built with node.js/react and notes.txt/", &[], None),
        (
            "log in at paypal-login.app now",
            &["brand_lookalike", "unofficial"],
            Some("paypal"),
        ),
        // Not links.
        ("e.g. this one", &[], None),
        ("ok.so what", &[], None),
        ("价格¥12.50元", &[], None),
        ("版本 v3.5.2 已发布", &[], None),
        ("上午10点a.m.到", &[], None),
        // 点 as "tap" between app and button names, not a disguised dot
        ("打开 WeChat 点 Me 进入设置", &[], None),
        ("在 YouTube 点 Live 就能看直播", &[], None),
        ("打开WeChat点 Me", &[], None),
        ("去 Taobao 点 Shop 看看", &[], None),
        ("3.5", &[], None),
        ("下午3点30分", &[], None),
        ("联系 support@jd.com 咨询", &[], None),
        ("mail john.doe@gmail.com", &[], None),
        ("your parcel is held.click here", &[], None),
        ("mr.li said", &[], None),
        ("the dot com era", &[], None),
        ("hello . world", &[], None),
        (
            "退款请上 taobao.shop",
            &["brand_lookalike", "risky_tld", "unofficial"],
            Some("taobao"),
        ),
        ("官网 jd . com", &["obfuscated", "official"], None),
        (
            "jd-kf.shop",
            &["brand_lookalike", "risky_tld", "unofficial"],
            Some("jd"),
        ),
        ("refund.click/now", &["risky_tld", "unofficial"], None),
        ("1.2.3.4", &[], None),
        ("report.zip", &[], None),
        ("http://", &[], None),
        ("请点击领取", &[], None),
    ];

    #[test]
    fn case_table() {
        assert!(CASES.len() >= 40);
        let mut failures = Vec::new();
        for (text, want, imitates) in CASES {
            let links = run(text);
            let got: Vec<&str> = links.first().map_or(Vec::new(), |l| {
                l.link.findings.iter().map(|f| f.as_str()).collect()
            });
            let got_imitates = links.first().and_then(|l| l.link.imitates.as_deref());
            let count_ok = if want.is_empty() {
                links.is_empty()
            } else {
                links.len() == 1
            };
            if !count_ok || got != *want || got_imitates != *imitates {
                failures.push(format!(
                    "{text:?}: want {want:?} {imitates:?}, got {:?}",
                    links
                        .iter()
                        .map(|l| (&l.link.url, &l.link.findings, &l.link.imitates))
                        .collect::<Vec<_>>()
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn url_host_domain_and_range() {
        let text = "【淘宝】退款请点击 hxxps://Tb-refund[.]cc/abc?x=1。";
        let text = text.to_lowercase();
        let links = run(&text);
        assert_eq!(links.len(), 1);
        let l = &links[0];
        assert_eq!(l.link.url, "https://tb-refund.cc/abc?x=1");
        assert_eq!(l.link.host, "tb-refund.cc");
        assert_eq!(l.link.domain, "tb-refund.cc");
        assert_eq!(&text[l.range.clone()], "hxxps://tb-refund[.]cc/abc?x=1");
        assert_eq!(
            l.link.span,
            Span {
                start: l.range.start,
                end: l.range.end
            }
        );

        let l = &run("看 jd-refund . top/abc， 快")[0];
        assert_eq!(l.link.url, "http://jd-refund.top/abc");
        let l = &run("taobao.com.refund-cn.xyz")[0].link;
        assert_eq!(
            (l.host.as_str(), l.domain.as_str()),
            ("taobao.com.refund-cn.xyz", "refund-cn.xyz")
        );
        let l = &run("https://m.jd.com.cn/x")[0].link;
        assert_eq!(l.domain, "jd.com.cn");
        let l = &run("http://jd.com@evil.cc:8443/x")[0].link;
        assert_eq!(
            (l.url.as_str(), l.host.as_str()),
            ("http://jd.com@evil.cc:8443/x", "evil.cc")
        );
        let l = &run("tb.cn/abc")[0].link;
        assert_eq!(l.official_for.as_deref(), Some("taobao"));
    }

    #[test]
    fn link_text_stops_at_punctuation_and_cjk() {
        for (text, want) in [
            ("见jd.com/a/b。", "jd.com/a/b"),
            ("(see jd.com/a).", "jd.com/a"),
            ("\"http://tb.cn/x\"", "http://tb.cn/x"),
            ("链接：jd.com/abc，谢谢", "jd.com/abc"),
            ("【jd.com/x】", "jd.com/x"),
            ("go to jd.com/x?a=1&b=2!", "jd.com/x?a=1&b=2"),
            ("请登录jd.com查询", "jd.com"),
            ("...jd.com", "jd.com"),
        ] {
            let links = run(text);
            assert_eq!(links.len(), 1, "{text}");
            assert_eq!(&text[links[0].range.clone()], want, "{text}");
        }
    }

    #[test]
    fn several_links_and_cap() {
        let links = run("jd.com 和 tb-refund.cc 和 t.cn/x");
        let hosts: Vec<&str> = links.iter().map(|l| l.link.host.as_str()).collect();
        assert_eq!(hosts, ["jd.com", "tb-refund.cc", "t.cn"]);
        let many = "evil.top ".repeat(40);
        assert_eq!(run(&many).len(), MAX_LINKS);
    }

    #[test]
    fn awkward_inputs_do_not_panic() {
        let big_dots = "a.".repeat(32 * 1024);
        let big_brackets = "a[.]".repeat(8 * 1024);
        let big_spaced = "ab . ".repeat(8 * 1024);
        let long_label = format!("{}.com", "a".repeat(100));
        let inputs: Vec<&str> = vec![
            "",
            ".",
            "..",
            "...",
            "@",
            "@.",
            ".@.",
            "a@b",
            "a.b@",
            "jd.com@",
            "jd.com@.",
            "http://",
            "https://",
            "http://.",
            "http://@",
            "http://a@",
            "http://@jd.com",
            "hxxp: / /",
            "http //",
            "http:",
            "h",
            "xn--",
            "xn--.com",
            "xn--zzzzzzzzzzzzzzzzzzzz.com",
            "xn---.com",
            "http://xn--9999999999.com",
            "😀.😀",
            "😀jd.com😀",
            "jd😀.com",
            "a.😀com",
            "jd.com:",
            "jd.com:99999",
            "jd.com:80/",
            "点",
            "。",
            "a点",
            "a。",
            "a [.",
            "a [dot",
            "a dot",
            "a . ",
            "[.]com",
            "1.2.3.4.5.6",
            "999.999.999.999/x",
            "аа.рф",
            "é.com",
            "-.com",
            "a-.com",
            "\u{200b}",
            &big_dots,
            &big_brackets,
            &big_spaced,
            &long_label,
        ];
        for input in inputs {
            for l in run(input) {
                assert!(
                    input.is_char_boundary(l.range.start) && input.is_char_boundary(l.range.end)
                );
                assert!(l.range.start < l.range.end && l.range.end <= input.len());
            }
        }
        // Every char boundary of a mixed string as a start: no panics on slicing.
        let mixed = "请登录hxxps://jd-refund[.]top/抽奖😀 ｔｂ点com。@x.cc:8/a.apk";
        for (i, _) in mixed.char_indices() {
            let _ = run(&mixed[i..]);
        }
    }

    #[test]
    fn big_dotted_junk_yields_at_most_the_cap() {
        // Its speed is measured by the `adversarial_64k` benchmark, not timed here.
        let junk = "a.".repeat(32 * 1024) + &"ab . ".repeat(8 * 1024) + &"a[.]".repeat(8 * 1024);
        assert!(run(&junk).len() <= MAX_LINKS);
    }

    #[test]
    fn static_lists_are_sorted() {
        for list in [
            CHAT_INVITE_HOSTS,
            KNOWN_TLDS,
            MAINSTREAM_TLDS,
            NEWER_TLDS,
            RISKY_TLDS,
            SHORTENERS,
            TWO_LEVEL_SUFFIXES,
            WORDY_TLDS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{:?}", list);
        }
        assert!(RISKY_TLDS
            .iter()
            .all(|t| is_known_tld(t) || matches!(*t, "pw" | "ws")));
        assert!(!MAINSTREAM_TLDS.iter().any(|t| is_risky_tld(t)));
    }

    #[test]
    fn punycode_and_edit_distance() {
        assert_eq!(punycode_decode("mazon-3ve").as_deref(), Some("аmazon"));
        assert_eq!(punycode_decode("tobao-4ve").as_deref(), Some("tаobao"));
        assert_eq!(skeleton("xn--pypal-4ve.com"), "paypal.com");
        assert!(punycode_decode("99999999999").is_none());
        assert!(within_one_edit(b"taobao", b"taoboa"));
        assert!(within_one_edit(b"taobao", b"taobaoo"));
        assert!(within_one_edit(b"amazon", b"amazn"));
        assert!(!within_one_edit(b"amazon", b"amzaonx"));
        assert_eq!(registrable("a.b.example.com.cn"), "example.com.cn");
        assert_eq!(registrable("com.cn"), "com.cn");
        assert_eq!(registrable("jd.com"), "jd.com");
    }

    #[test]
    fn mentioned_brand_loosens_short_names() {
        // `jdrefund` only imitates JD when the message claims to be from JD.
        let t = table();
        let findings = |m: &[usize]| {
            find_links("退款 jdrefund.top", &t, m)[0]
                .link
                .findings
                .clone()
        };
        assert_eq!(
            findings(&[]),
            [LinkFinding::RiskyTld, LinkFinding::Unofficial]
        );
        let l = &find_links("退款 jdrefund.top", &t, &[1])[0].link;
        assert_eq!(l.imitates.as_deref(), Some("jd"));
        assert_eq!(l.findings[0], LinkFinding::BrandLookalike);
        // A mentioned brand is preferred when several could match.
        let l = &find_links("tb-jd-refund.top", &t, &[1])[0].link;
        assert_eq!(l.imitates.as_deref(), Some("jd"));
    }

    #[test]
    fn text_without_dots_is_skipped() {
        assert!(run("您的验证码是123456，请勿泄露").is_empty());
    }
}
