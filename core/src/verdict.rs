//! What [`Engine::analyze`](crate::Engine::analyze) returns: an explained verdict.

#[cfg(feature = "serialize")]
use serde::Serialize;
use std::sync::Arc;

/// How worried the user should be about a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serialize",
    derive(Serialize),
    serde(rename_all = "snake_case")
)]
pub enum Level {
    /// Nothing worth a warning.
    Safe,
    /// Some signs of a scam: warn, but the message may be genuine.
    Suspicious,
    /// A recognised scam pattern: warn clearly.
    Dangerous,
}

impl Level {
    /// The lower-case name used in rule packs and JSON: `safe`, `suspicious`, `dangerous`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Safe => "safe",
            Level::Suspicious => "suspicious",
            Level::Dangerous => "dangerous",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Level> {
        [Level::Safe, Level::Suspicious, Level::Dangerous]
            .into_iter()
            .find(|l| l.as_str() == s)
    }
}

macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serialize", derive(Serialize))]
        pub enum $name {
            $($(#[$vmeta])* #[cfg_attr(feature = "serialize", serde(rename = $text))] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable snake_case name used in rule packs, JSON and the Kotlin API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// Parses the name returned by [`Self::as_str`].
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum! {
    /// The kind of evidence a rule contributes. A verdict is decided by how
    /// many different categories fire together, not by single words.
    Category {
        /// Claims the recipient is owed a refund, compensation or claim payout.
        Refund = "refund",
        /// A story about an order: faulty goods, out of stock, lost parcel, duplicate charge, recall.
        OrderProblem = "order_problem",
        /// Claims to be customer service, a platform, a bank, a courier, the police or an official body.
        Impersonation = "impersonation",
        /// Asks to tell, send, read out, forward or screenshot a verification code.
        CodeRequest = "code_request",
        /// Asks for a card number, password, CVV, ID number or account login.
        CredentialRequest = "credential_request",
        /// Asks to install an app, share the screen or join a meeting.
        RemoteControl = "remote_control",
        /// Moves the conversation off the platform: QQ, WeChat, a QR code, a phone call back.
        OffPlatform = "off_platform",
        /// Time pressure or threats: expires today, credit record, account frozen, legal action.
        Urgency = "urgency",
        /// Asks to move money: transfer to a "safe account", pay a fee or deposit first.
        MoneyTransfer = "money_transfer",
        /// Membership, student-account or insurance cancellation stories.
        Cancellation = "cancellation",
        /// Bait: a prize, gift, reward, survey, easy money or a date.
        Prize = "prize",
        /// Text disguised to slip past filters: dots inside words, symbols for letters.
        Evasion = "evasion",
        /// A suspicious link: lookalike, throw-away domain, IP, shortener, disguised.
        Link = "link",
        /// A link to a site the engine neither knows as official nor finds suspicious.
        UnknownLink = "unknown_link",
        /// The sender does not fit the brand the message claims (e.g. 【淘宝】 from a mobile number).
        Sender = "sender",
        /// Marketing wording (unsubscribe hints): lowers the level of plain advertising.
        Marketing = "marketing",
        /// Reassuring context (请勿泄露, an official sender): lowers the score.
        SafeContext = "safe_context",
        /// An anti-fraud reminder (谨防诈骗, "we will never ask"): its scam words describe
        /// scams, so up to its sentence only links, the sender and one-time codes are
        /// judged; story words after it still count. A code, card or money request in a
        /// sentence of its own after it (English full stops count), or an ask that turns
        /// to the reader after it or before it ("请把验证码发给我"), drops it. From the
        /// named brand's own number it covers the message up to its last warning.
        Reminder = "reminder",
        /// A one-time code addressed to the recipient.
        Otp = "otp",
        /// A combination of categories that together mark a scam.
        Combination = "combination",
    }
}

named_enum! {
    /// What is wrong (or right) with a link.
    LinkFinding {
        /// The host is an official domain of a known brand.
        Official = "official",
        /// The host belongs to no brand the engine knows.
        Unofficial = "unofficial",
        /// The host is a raw IP address.
        IpHost = "ip_host",
        /// `user@host` trick: the text before `@` looks like a domain, the real host is after it.
        Userinfo = "userinfo",
        /// An official domain used as a subdomain of another site (`taobao.com.refund-cn.xyz`).
        DeceptiveSubdomain = "deceptive_subdomain",
        /// The domain imitates a brand: contains its name or is one edit away from an official domain.
        BrandLookalike = "brand_lookalike",
        /// An internationalised (punycode `xn--`) host or one mixing look-alike scripts.
        Punycode = "punycode",
        /// A URL shortener hides the real destination.
        Shortener = "shortener",
        /// The link downloads an Android app package.
        ApkDownload = "apk_download",
        /// A top-level domain popular with throw-away scam sites, or one ordinary businesses rarely use.
        RiskyTld = "risky_tld",
        /// A random-looking domain name (`ywrfyp.com`), typical of generated throw-away sites.
        RandomLooking = "random_looking",
        /// A WhatsApp, Telegram or LINE chat or group invite: off the company's channels.
        ChatInvite = "chat_invite",
        /// The link was disguised to evade filters (`hxxp`, `[.]`, `点com`, spaces).
        Obfuscated = "obfuscated",
    }
}

impl Category {
    /// Whether the category asks the reader to do something (give a code or card data,
    /// install or share, move to another channel, pay): what a scam does and a
    /// bulletin only describes.
    pub fn is_ask(self) -> bool {
        matches!(
            self,
            Category::CodeRequest
                | Category::CredentialRequest
                | Category::RemoteControl
                | Category::OffPlatform
                | Category::MoneyTransfer
        )
    }

    /// Categories that come from what the text says (as opposed to links, the sender
    /// or codes): the ones an anti-fraud reminder mentions without meaning them.
    pub fn is_story(self) -> bool {
        !matches!(
            self,
            Category::Link
                | Category::UnknownLink
                | Category::Sender
                | Category::Marketing
                | Category::SafeContext
                | Category::Reminder
                | Category::Otp
                | Category::Combination
        )
    }
}

impl LinkFinding {
    /// Findings no genuine sender produces: disguised, lookalike or raw-address links.
    pub fn is_serious(self) -> bool {
        matches!(
            self,
            LinkFinding::IpHost
                | LinkFinding::Userinfo
                | LinkFinding::DeceptiveSubdomain
                | LinkFinding::BrandLookalike
                | LinkFinding::Punycode
                | LinkFinding::ApkDownload
                | LinkFinding::Obfuscated
        )
    }
}

named_enum! {
    /// What a one-time code authorises, as far as the message says.
    OtpPurpose {
        /// Signing in.
        Login = "login",
        /// Paying for something.
        Payment = "payment",
        /// Moving money to another account.
        Transfer = "transfer",
        /// Binding a new device, card or phone number.
        BindDevice = "bind_device",
        /// Changing or resetting a password.
        ChangePassword = "change_password",
        /// A refund.
        Refund = "refund",
        /// Creating an account.
        Register = "register",
        /// The message does not say.
        Unknown = "unknown",
    }
}

named_enum! {
    /// What kind of number or id sent the message.
    SenderKind {
        /// No sender was given.
        Unknown = "unknown",
        /// A service short code (e.g. `95588`, `10086`, `28777`).
        ShortCode = "short_code",
        /// A Chinese enterprise SMS gateway number (`106…`, `1069…`).
        Enterprise = "enterprise",
        /// A personal mobile number.
        Mobile = "mobile",
        /// A Chinese virtual-operator number (170/171/162/165/167), often used by scammers.
        VirtualMobile = "virtual_mobile",
        /// A number with a foreign country code.
        International = "international",
        /// An alphanumeric sender id such as `AMAZON`.
        Alphanumeric = "alphanumeric",
        /// An e-mail address (iMessage/RCS senders).
        Email = "email",
    }
}

/// A byte range in the original message body, so evidence quotes what the user received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Span {
    /// First byte (inclusive).
    pub start: usize,
    /// Last byte (exclusive).
    pub end: usize,
}

impl Span {
    /// The quoted text of this span in `body` (empty if the span does not fit).
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        body.get(self.start..self.end).unwrap_or("")
    }
}

/// A user-facing explanation in the two languages every rule must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Explanation {
    /// Simplified Chinese.
    pub zh: Arc<str>,
    /// English.
    pub en: Arc<str>,
}

/// One rule that fired, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Reason {
    /// The rule id from the rule pack, e.g. `zh.code_request`. Shared with the engine
    /// (as are explanations without placeholders): a verdict copies no rule text.
    pub rule_id: Arc<str>,
    /// The category it contributes to.
    pub category: Category,
    /// Its weight (negative for reassuring context).
    pub weight: i32,
    /// What it means, for the user.
    pub explanation: Explanation,
    /// Where in the original body the evidence is, if the rule points at text.
    pub evidence: Option<Span>,
}

/// A link found in the message and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Link {
    /// Where the link is in the original body.
    pub span: Span,
    /// The link as the engine understood it, de-obfuscated and lower-cased, with a scheme.
    pub url: String,
    /// Its host name (or IP).
    pub host: String,
    /// The registrable domain (`refund-cn.xyz` for `taobao.com.refund-cn.xyz`).
    pub domain: String,
    /// The brand whose official domain this is, if any.
    pub official_for: Option<String>,
    /// The brand this link imitates, if any.
    pub imitates: Option<String>,
    /// What the engine found, most serious first.
    pub findings: Vec<LinkFinding>,
}

/// A one-time code addressed to the recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Otp {
    /// The code as written (e.g. `483920`, `G-412157`).
    pub code: String,
    /// Where the code is in the original body.
    pub span: Span,
    /// What it authorises.
    pub purpose: OtpPurpose,
    /// The amount the message mentions with the code (e.g. `¥2,000.00`), if any.
    pub amount: Option<String>,
    /// Whether the message tells the user not to share the code.
    pub warns_not_to_share: bool,
}

/// The engine's answer for one message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serialize", derive(Serialize))]
pub struct Verdict {
    /// Safe, suspicious or dangerous.
    pub level: Level,
    /// 0–100: the sum of the strongest reason per category, plus combinations.
    pub score: u32,
    /// Categories that raised the score, strongest first.
    pub categories: Vec<Category>,
    /// Every rule that fired, strongest first.
    pub reasons: Vec<Reason>,
    /// Links in the message.
    pub links: Vec<Link>,
    /// The one-time code the message carries, if it carries one.
    pub otp: Option<Otp>,
    /// What kind of sender this is.
    pub sender: SenderKind,
    /// Brands the message names (brand ids from the packs).
    pub brands: Vec<String>,
    /// True when the body was longer than the engine examines and only its start was analysed.
    pub truncated: bool,
}

impl Verdict {
    /// True for suspicious and dangerous verdicts: the ones to warn about.
    pub fn is_flagged(&self) -> bool {
        self.level >= Level::Suspicious
    }
}
