//! What kind of number sent a message. Banks and shops send from short codes and
//! enterprise gateways; scammers from personal and virtual-operator numbers.

use crate::verdict::SenderKind;

/// The sender's kind, and its digits (country code removed for Chinese numbers,
/// Taiwanese ones written as dialled at home: `0912…`).
pub(crate) fn classify(sender: Option<&str>) -> (SenderKind, String) {
    let Some(raw) = sender.map(str::trim).filter(|s| !s.is_empty()) else {
        return (SenderKind::Unknown, String::new());
    };
    if raw.contains('@') {
        return (SenderKind::Email, String::new());
    }
    if raw.chars().any(|c| c.is_alphabetic()) {
        return (SenderKind::Alphanumeric, String::new());
    }
    let international = raw.starts_with('+') || raw.starts_with("00");
    // (Sized up front: collecting grows the string twice for a mobile number.)
    let mut digits = String::with_capacity(raw.len());
    digits.extend(raw.chars().filter(char::is_ascii_digit));
    if international {
        let without_zeros = digits.trim_start_matches("00").to_owned();
        // Taiwan first: "886" also starts with China's "86". Phones show Taiwanese
        // senders as +886…, and Taiwanese companies send from ordinary mobile numbers
        // (see `is_personal_for_brands`), so such a sender is judged as the local
        // 09… number it is.
        if let Some(tw) = without_zeros.strip_prefix("886") {
            digits = format!("0{tw}");
        } else if let Some(cn) = without_zeros.strip_prefix("86") {
            digits = cn.to_owned();
        } else {
            return (SenderKind::International, without_zeros);
        }
    }
    let kind = match digits.len() {
        0 => SenderKind::Unknown,
        11 if digits.starts_with('1') && !digits.starts_with("10") => {
            const VIRTUAL: [&str; 5] = ["170", "171", "162", "165", "167"];
            if VIRTUAL.iter().any(|p| digits.starts_with(p)) {
                SenderKind::VirtualMobile
            } else {
                SenderKind::Mobile
            }
        }
        _ if digits.starts_with("106") && digits.len() >= 8 => SenderKind::Enterprise,
        3..=6 => SenderKind::ShortCode,
        7..=8 if digits.starts_with("95") || digits.starts_with("96") => SenderKind::ShortCode,
        _ => SenderKind::Mobile,
    };
    (kind, digits)
}

/// Whether a brand should never send from this number: a Chinese personal mobile or a
/// foreign number. Elsewhere (Taiwan, for one) companies do send from ordinary mobile
/// numbers, so other mobiles are given the benefit of the doubt.
pub(crate) fn is_personal_for_brands(kind: SenderKind, digits: &str) -> bool {
    match kind {
        SenderKind::VirtualMobile | SenderKind::International => true,
        SenderKind::Mobile => digits.len() == 11 && digits.starts_with('1'),
        _ => false,
    }
}

/// A Taiwanese mobile number as dialled at home (`09` and eight digits).
pub(crate) fn is_taiwan_mobile(digits: &str) -> bool {
    digits.len() == 10 && digits.starts_with("09")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &[(&str, SenderKind)] = &[
        ("", SenderKind::Unknown),
        ("95588", SenderKind::ShortCode),
        ("10086", SenderKind::ShortCode),
        ("28777", SenderKind::ShortCode),
        ("1069012345678", SenderKind::Enterprise),
        ("10657551234", SenderKind::Enterprise),
        ("13812345678", SenderKind::Mobile),
        ("+86 138 1234 5678", SenderKind::Mobile),
        ("17012345678", SenderKind::VirtualMobile),
        ("+8616512345678", SenderKind::VirtualMobile),
        ("+1 (872) 279-0672", SenderKind::International),
        ("0044 7700 900123", SenderKind::International),
        ("AMAZON", SenderKind::Alphanumeric),
        ("service@bank.example", SenderKind::Email),
        ("0912345678", SenderKind::Mobile),
        ("+886 912 345 678", SenderKind::Mobile),
        ("+852 9123 4567", SenderKind::International),
    ];

    #[test]
    fn classifies_senders() {
        for (raw, want) in CASES {
            assert_eq!(classify(Some(raw)).0, *want, "sender {raw:?}");
        }
    }
}
