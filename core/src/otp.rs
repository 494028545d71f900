//! One-time codes addressed to the recipient: the code, what it authorises and
//! the amount, so a later layer can warn when a real code follows a scam.

use crate::verdict::OtpPurpose;
use once_cell::sync::Lazy;
use regex::Regex;

/// Words that name a one-time code.
static KEYWORD: Lazy<Regex> = Lazy::new(|| {
    Regex::new(concat!(
        r"验证码|校验码|动态码|动态密码|确认码|安全码|授权码|短信码|认证码|交易码|一次性密码",
        r"|verification code|security code|confirmation code|login code|sign-in code|authentication code",
        r"|one[- ]time (?:pass(?:code|word)|code|pin)|(?-u:\b)otp(?-u:\b)|(?-u:\b)passcode(?-u:\b)|(?-u:\b)auth code(?-u:\b)|(?-u:\b)code(?-u:\b)|(?-u:\b)pin(?-u:\b)|(?-u:\b)tac(?-u:\b)",
    ))
    .expect("static pattern")
});

/// A code: 4–8 digits, optionally with a letter prefix (`G-412157`).
static CODE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:(?-u:\b)[a-z]{1,2}-)?[0-9]{4,8}(?-u:\b)|(?:(?-u:\b)[a-z]{1,2}-)?[0-9]{3}[ -][0-9]{3}(?-u:\b)")
        .expect("static pattern")
});

static AMOUNT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:[¥$£€]|rmb|cny|usd|hk\$|nt\$|人民币) ?[0-9][0-9,]*(?:\.[0-9]{1,2})?|[0-9][0-9,]*(?:\.[0-9]{1,2})? ?(?:元|块)")
        .expect("static pattern")
});

static DO_NOT_SHARE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(concat!(
        r"请勿|切勿|不要(?:告诉|泄露|透露|提供|转发)|勿(?:告知|泄露|透露|转发)|谨防|保密|任何人|不会(?:向您|向你)?索[要取]",
        r"|(?:do not|don't|dont|never|not to) (?:share|give|tell|disclose|forward)|will never (?:ask|call)|won't (?:ask|call)|keep (?:it|this) (?:safe|secret|private)",
    ))
    .expect("static pattern")
});

/// "Tell no one, except our agent": a warning with an exception for the asker is no warning.
static EXCEPT_THE_ASKER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(concat!(
        r"(?:除|除了)(?:本|我们的?|我)?(?:客服|专员|工作人员)(?:外|以外|之外)|(?:客服|专员|工作人员)除外",
        r"|(?-u:\b)except (?:to )?(?:our|the|this) (?:agent|advisor|adviser|representative|staff|team)(?-u:\b)",
    ))
    .expect("static pattern")
});

/// Purposes in priority order: the first that matches wins.
const PURPOSE_PATTERNS: [(OtpPurpose, &str); 7] = [
    (
        OtpPurpose::Transfer,
        r"转账|汇款|转出|收款人|transfer|send money|payee",
    ),
    (
        OtpPurpose::Payment,
        r"支付|付款|消费|扣款|交易|购买|pay|purchase|charge|transaction",
    ),
    (OtpPurpose::Refund, r"退款|refund"),
    (
        OtpPurpose::BindDevice,
        r"绑定|绑卡|换绑|新设备|更换手机|bind|new device|link (?:your|a) (?:card|device)|add(?:ing)? (?:a )?(?:card|device)",
    ),
    (
        OtpPurpose::ChangePassword,
        r"修改密码|重置密码|找回密码|设置密码|reset|change (?:your )?password|password change",
    ),
    (
        OtpPurpose::Register,
        r"注册|sign up|signup|create (?:an |your )?account|registration",
    ),
    (
        OtpPurpose::Login,
        r"登录|登陆|log ?in|sign ?in|signing in|verify your (?:identity|number|phone)",
    ),
];

static PURPOSES: Lazy<Vec<(OtpPurpose, Regex)>> = Lazy::new(|| {
    PURPOSE_PATTERNS
        .iter()
        .map(|&(p, re)| (p, Regex::new(re).expect("static pattern")))
        .collect()
});

/// Any purpose at all: one pass answers the many messages that name none, which
/// otherwise took one pass per purpose.
static ANY_PURPOSE: Lazy<Regex> = Lazy::new(|| {
    let all: Vec<&str> = PURPOSE_PATTERNS.iter().map(|(_, re)| *re).collect();
    Regex::new(&all.join("|")).expect("static pattern")
});

/// How far (bytes) a code may stand from the keyword that names it.
const NEAR: usize = 40;

/// An OTP found in normalised text (ranges in that text).
#[derive(Debug, Clone)]
pub(crate) struct FoundOtp {
    pub code: std::ops::Range<usize>,
    pub purpose: OtpPurpose,
    pub amount: Option<std::ops::Range<usize>>,
    pub warns_not_to_share: bool,
    pub warning: Option<std::ops::Range<usize>>,
}

/// Finds the one-time code in `text`, if the message carries one.
pub(crate) fn find(text: &str) -> Option<FoundOtp> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let code = KEYWORD.find_iter(text).take(4).find_map(|kw| {
        let from = floor(text, kw.start().saturating_sub(NEAR));
        let to = floor(text, (kw.end() + NEAR).min(text.len()));
        CODE.find_iter(&text[from..to])
            .map(|m| (from + m.start())..(from + m.end()))
            .filter(|r| !looks_like_amount_or_date(text, r))
            .min_by_key(|r| distance(r, kw.range()))
    })?;
    let purpose = ANY_PURPOSE
        .is_match(text)
        .then(|| PURPOSES.iter().find(|(_, re)| re.is_match(text)))
        .flatten()
        .map_or(OtpPurpose::Unknown, |(p, _)| *p);
    let amount = AMOUNT.find(text).map(|m| m.range());
    let warning = DO_NOT_SHARE
        .find(text)
        .map(|m| m.range())
        .filter(|_| !EXCEPT_THE_ASKER.is_match(text));
    Some(FoundOtp {
        code,
        purpose,
        amount,
        warns_not_to_share: warning.is_some(),
        warning,
    })
}

fn distance(a: &std::ops::Range<usize>, b: std::ops::Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// `¥1234`, `1234元`, `2024-05-01`, `12:30` are not codes.
fn looks_like_amount_or_date(text: &str, r: &std::ops::Range<usize>) -> bool {
    let before = text[..r.start].chars().next_back();
    let rest = &text.as_bytes()[r.end..];
    let next = text[r.end..].chars().next();
    let digit_at = |i: usize| rest.get(i).is_some_and(u8::is_ascii_digit);
    // Punctuation joins numbers only in `12.50`, `12:30`, `5/12` and `1,200`; not at a
    // sentence end (`483920，5分钟内有效` folds to `483920,5…`).
    let joins_number = match rest.first() {
        Some(b'.' | b':' | b'/') => digit_at(1),
        Some(b',') => digit_at(1) && digit_at(2) && digit_at(3) && !digit_at(4),
        _ => false,
    };
    // Likewise behind the number: `¥1234`, `12:30`, `1.5` — but `验证码:310488` is a code.
    let head = text.as_bytes()[..r.start].iter().rev();
    let digit_before_punct = head.clone().nth(1).is_some_and(u8::is_ascii_digit);
    let after_number = matches!(before, Some('.' | ',' | ':' | '/' | '-')) && digit_before_punct;
    matches!(before, Some('¥' | '$' | '£' | '€'))
        || after_number
        || joins_number
        || matches!(next, Some('元' | '块' | '年' | '月' | '日' | '号' | '%'))
        || text[..r.start].ends_with("尾号")
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (normalised text, code, purpose, warns)
    const CASES: &[(&str, Option<&str>, OtpPurpose, bool)] = &[
        (
            "【招商银行】验证码483920，您正在向尾号1234的账户转账5000.00元，请勿泄露。",
            Some("483920"),
            OtpPurpose::Transfer,
            true,
        ),
        (
            "your code is 5521. never share it with anyone.",
            Some("5521"),
            OtpPurpose::Unknown,
            true,
        ),
        (
            "g-412157 is your google verification code.",
            Some("g-412157"),
            OtpPurpose::Unknown,
            false,
        ),
        (
            "【淘宝】验证码 837261，用于登录，5分钟内有效。",
            Some("837261"),
            OtpPurpose::Login,
            false,
        ),
        (
            "您的验证码是 1234 ，正在绑定新设备，切勿告知他人",
            Some("1234"),
            OtpPurpose::BindDevice,
            true,
        ),
        (
            "请把验证码告诉我，客服帮您退款",
            None,
            OtpPurpose::Unknown,
            false,
        ),
        (
            "取件码 5-2-1103，请到菜鸟驿站取件",
            None,
            OtpPurpose::Unknown,
            false,
        ),
        ("尾号1234的卡消费100.00元", None, OtpPurpose::Unknown, false),
        (
            "【平安银行】提高信用卡额度，动态码:310488,请勿告诉他人",
            Some("310488"),
            OtpPurpose::Unknown,
            true,
        ),
        (
            "验证码 552019，用于退款认证，请勿告诉除本客服外任何人",
            Some("552019"),
            OtpPurpose::Refund,
            false,
        ),
        (
            "会议 12:3045 开始，验证码在群里",
            None,
            OtpPurpose::Unknown,
            false,
        ),
    ];

    #[test]
    fn finds_codes_purposes_and_warnings() {
        for (text, code, purpose, warns) in CASES {
            let got = find(text);
            assert_eq!(
                got.as_ref().map(|o| &text[o.code.clone()]),
                *code,
                "text {text:?}"
            );
            if let Some(o) = got {
                assert_eq!(o.purpose, *purpose, "purpose of {text:?}");
                assert_eq!(o.warns_not_to_share, *warns, "warning in {text:?}");
            }
        }
    }
}
