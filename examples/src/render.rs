//! Terminal presentation: colours (only on a terminal, never with `NO_COLOR`),
//! display widths for CJK text, previews and evidence highlighting.

use smishguard_core::{Level, Verdict};
use std::io::IsTerminal;

/// Whether to write ANSI colours to the given stream.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Colours and bold are on.
    pub color: bool,
}

impl Style {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset or empty (no-color.org).
    pub fn for_stdout() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && std::io::stdout().is_terminal(),
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Bold text.
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Dimmed text for secondary details.
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    /// Evidence that raised the score.
    pub fn danger(&self, text: &str) -> String {
        self.paint("1;31", text)
    }

    /// Evidence that lowered the score (warnings such as 请勿泄露).
    pub fn reassuring(&self, text: &str) -> String {
        self.paint("32", text)
    }

    /// The level name, coloured by severity.
    pub fn level(&self, level: Level) -> String {
        self.level_padded(level, 0)
    }

    /// The level name padded to `width` columns, padding outside the colour codes.
    pub fn level_padded(&self, level: Level, width: usize) -> String {
        let name = level.as_str();
        let code = match level {
            Level::Safe => "32",
            Level::Suspicious => "1;33",
            Level::Dangerous => "1;31",
        };
        let pad = " ".repeat(width.saturating_sub(name.len()));
        format!("{}{pad}", self.paint(code, name))
    }
}

/// Display width of one character: 2 for East Asian wide and full-width
/// forms, 0 for combining and invisible format characters, 1 otherwise.
/// An approximation of UAX #11 good enough to align tables of SMS text.
pub fn char_width(c: char) -> usize {
    let cp = c as u32;
    match cp {
        0x0300..=0x036F | 0x200B..=0x200F | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Display width of a string.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// A one-line preview of `body` at most `max` columns wide: line breaks and
/// tabs become spaces, runs of spaces shrink to one, and a cut is marked `…`.
/// Cuts happen between characters, never inside one.
pub fn preview(body: &str, max: usize) -> String {
    let mut flat = String::with_capacity(body.len().min(max * 4));
    let mut last_space = false;
    for c in body.trim().chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        flat.push(c);
    }
    if width(&flat) <= max {
        return flat;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in flat.chars() {
        let w = char_width(c);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Pads `s` with spaces to `w` display columns.
pub fn pad(s: &str, w: usize) -> String {
    let have = width(s);
    format!("{s}{}", " ".repeat(w.saturating_sub(have)))
}

/// Pads on the left, for numbers.
pub fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

/// Terminal width from `COLUMNS`, else 100 columns.
pub fn terminal_columns() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|&c| c >= 40)
        .unwrap_or(100)
}

/// How a byte of the body is marked when printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    None,
    Reassuring,
    Danger,
}

/// The body with every evidence span highlighted: in colour on a terminal,
/// otherwise `[…]` around evidence that raised the score and `{…}` around
/// evidence that lowered it. Spans that do not fall on character boundaries
/// are ignored rather than trusted.
pub fn highlight(body: &str, verdict: &Verdict, style: Style) -> String {
    let mut marks = vec![Mark::None; body.len()];
    let mut mark = |start: usize, end: usize, m: Mark| {
        if start < end
            && end <= body.len()
            && body.is_char_boundary(start)
            && body.is_char_boundary(end)
        {
            for slot in &mut marks[start..end] {
                *slot = (*slot).max(m);
            }
        }
    };
    for r in &verdict.reasons {
        if let Some(span) = r.evidence {
            // Weight 0 is information (e.g. "there is a code"), not evidence either way.
            let m = match r.weight {
                w if w < 0 => Mark::Reassuring,
                0 => continue,
                _ => Mark::Danger,
            };
            mark(span.start, span.end, m);
        }
    }
    for link in &verdict.links {
        if !link.findings.iter().all(|f| f.as_str() == "official") {
            mark(link.span.start, link.span.end, Mark::Danger);
        }
    }

    let mut out = String::with_capacity(body.len() + 16);
    let mut run = String::new();
    let mut current = Mark::None;
    let flush = |out: &mut String, run: &mut String, m: Mark| {
        if run.is_empty() {
            return;
        }
        match (m, style.color) {
            (Mark::None, _) => out.push_str(run),
            (Mark::Danger, true) => out.push_str(&style.danger(run)),
            (Mark::Reassuring, true) => out.push_str(&style.reassuring(run)),
            (Mark::Danger, false) => out.push_str(&format!("[{run}]")),
            (Mark::Reassuring, false) => out.push_str(&format!("{{{run}}}")),
        }
        run.clear();
    };
    for (i, c) in body.char_indices() {
        let m = marks[i];
        if m != current {
            flush(&mut out, &mut run, current);
            current = m;
        }
        run.push(c);
    }
    flush(&mut out, &mut run, current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_as_two() {
        assert_eq!(width("ab"), 2);
        assert_eq!(width("退款"), 4);
        assert_eq!(width("【淘宝】"), 8);
    }

    #[test]
    fn preview_cuts_by_chars_not_bytes() {
        let p = preview("您的订单退款已受理，请点击链接", 9);
        assert!(width(&p) <= 9, "{p}");
        assert!(p.ends_with('…'));
        assert_eq!(preview("a\n\n b\tc", 20), "a b c");
    }
}
