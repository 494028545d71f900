//! Text crossing the boundary: Java hands us UTF-16 code units, the core wants
//! UTF-8 `&str` and answers with byte offsets, Kotlin wants UTF-16 indices.
//!
//! Java strings may contain lone surrogates (any `char` sequence is a valid
//! `String`). They are replaced with U+FFFD, which is one UTF-16 unit just like
//! the surrogate it replaces, so every UTF-16 index computed from the decoded
//! text is also the index into the caller's original string.

/// Decodes UTF-16 code units, replacing each lone surrogate with U+FFFD.
pub fn decode_utf16_lossy(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Maps byte offsets in `text` to UTF-16 indices.
///
/// An offset inside a multi-byte character (which a correct core never
/// produces) maps to the index just after that character; an offset past the
/// end maps to the UTF-16 length.
#[derive(Debug)]
pub struct Utf16Offsets {
    // (byte offset, utf16 index), sorted by byte offset.
    table: Vec<(usize, usize)>,
}

impl Utf16Offsets {
    /// Computes the UTF-16 index of every byte offset in `offsets` in one pass
    /// over `text` (the work is linear in the text, not in text × offsets).
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut wanted: Vec<usize> = offsets.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut table = Vec::with_capacity(wanted.len());
        let mut next = wanted.iter().copied().peekable();
        let mut units = 0usize;
        'chars: for (byte, ch) in text.char_indices() {
            while let Some(&target) = next.peek() {
                if target > byte {
                    break;
                }
                table.push((target, units));
                next.next();
            }
            if next.peek().is_none() {
                break 'chars;
            }
            units += ch.len_utf16();
        }
        if next.peek().is_some() {
            // Offsets at or past the last character: units now counts them all
            // unless we broke out early, which only happens when `next` is empty.
            for target in next {
                table.push((target, units));
            }
        }
        Utf16Offsets { table }
    }

    /// The UTF-16 index for a byte offset given to [`Utf16Offsets::new`].
    pub fn get(&self, byte: usize) -> usize {
        match self.table.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.table[i].1,
            // Not requested up front: callers always request what they ask for,
            // so this is unreachable in practice; fall back to the nearest lower entry.
            Err(0) => 0,
            Err(i) => self.table[i - 1].1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn lone_surrogates_become_replacement_chars_one_unit_each() {
        let units = [0x61, 0xD800, 0x62, 0xDC00, 0xD83D, 0xDE00, 0xDFFF];
        let text = decode_utf16_lossy(&units);
        assert_eq!(text, "a\u{FFFD}b\u{FFFD}😀\u{FFFD}");
        assert_eq!(text.encode_utf16().count(), units.len());
    }

    #[test]
    fn offsets_map_bytes_to_utf16_indices() {
        let text = "退款😀 http://x.cc 好";
        let offs: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let map = Utf16Offsets::new(text, offs.iter().copied().rev());
        for &b in &offs {
            assert_eq!(map.get(b), utf16(&text[..b]).len(), "byte {b}");
        }
    }

    #[test]
    fn offsets_past_end_and_inside_chars() {
        let text = "a退";
        let map = Utf16Offsets::new(text, [0, 2, 4, 99]);
        assert_eq!(map.get(0), 0);
        assert_eq!(map.get(2), 2); // inside 退: index after it
        assert_eq!(map.get(4), 2);
        assert_eq!(map.get(99), 2);
    }

    #[test]
    fn empty_text() {
        let map = Utf16Offsets::new("", [0, 5]);
        assert_eq!(map.get(0), 0);
        assert_eq!(map.get(5), 0);
    }
}
