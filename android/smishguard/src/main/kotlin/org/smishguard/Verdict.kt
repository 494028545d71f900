package org.smishguard

import java.util.Locale

/** How worried the user should be about a message. */
public enum class Level {
    /** Nothing worth a warning. */
    SAFE,

    /** Some signs of a scam: warn, but the message may be genuine. */
    SUSPICIOUS,

    /** A recognised scam pattern: warn clearly. */
    DANGEROUS,
    ;

    /** True for [SUSPICIOUS] and [DANGEROUS]: the levels to warn about. */
    public val isWarning: Boolean get() = this != SAFE
}

/**
 * A range of UTF-16 indices in the analysed body, usable with [String.substring] on the string
 * that was passed to [SmishGuard.analyze].
 *
 * @property start first index (inclusive).
 * @property end last index (exclusive).
 */
public data class TextRange(val start: Int, val end: Int) {
    /** The text of this range in [body] (the analysed string), or "" if it does not fit. */
    public fun textIn(body: String): String =
        if (start in 0..end && end <= body.length) body.substring(start, end) else ""
}

/**
 * One rule that fired.
 *
 * @property ruleId the rule id from its pack, e.g. `code_request.tell_code`.
 * @property category the category it contributes to, e.g. `refund`, `code_request` (see [Verdict.categories]).
 * @property weight its weight; negative for reassuring context such as "never share this code".
 * @property explanationZh what it means for the user, in Simplified Chinese (from the rule pack).
 * @property explanationEn what it means for the user, in English (from the rule pack).
 * @property evidence where in the body the rule found its evidence, if it points at text.
 */
public data class Reason(
    val ruleId: String,
    val category: String,
    val weight: Int,
    val explanationZh: String,
    val explanationEn: String,
    val evidence: TextRange?,
) {
    /** The explanation in Chinese if [locale]'s language is Chinese, otherwise in English. */
    public fun explanation(locale: Locale): String =
        if (locale.language == "zh") explanationZh else explanationEn
}

/**
 * A link found in the message.
 *
 * @property range where the link is in the body.
 * @property url the link as the engine understood it: de-obfuscated, lower-cased, with a scheme.
 * @property host its host name or IP address.
 * @property domain its registrable domain (`refund-cn.xyz` for `taobao.com.refund-cn.xyz`).
 * @property officialFor the brand whose official domain this is, if any.
 * @property imitates the brand this link imitates, if any.
 * @property findings what the engine found, most serious first (`unofficial`, `brand_lookalike`, `shortener`, …).
 */
public data class Link(
    val range: TextRange,
    val url: String,
    val host: String,
    val domain: String,
    val officialFor: String?,
    val imitates: String?,
    val findings: List<String>,
) {
    /** True when the link is an official domain of a known brand. */
    public val isOfficial: Boolean get() = officialFor != null
}

/** What a one-time code authorises, as far as the message says. */
public enum class OtpPurpose(
    /** The stable id used by the engine and rule packs. */
    public val id: String,
) {
    /** Signing in. */
    LOGIN("login"),

    /** Paying for something. */
    PAYMENT("payment"),

    /** Moving money to another account. */
    TRANSFER("transfer"),

    /** Binding a new device, card or phone number. */
    BIND_DEVICE("bind_device"),

    /** Changing or resetting a password. */
    CHANGE_PASSWORD("change_password"),

    /** A refund. */
    REFUND("refund"),

    /** Creating an account. */
    REGISTER("register"),

    /** The message does not say. */
    UNKNOWN("unknown"),
    ;

    /** Lookup by [id]. */
    public companion object {
        /** The purpose with this [id], or [UNKNOWN] for an id this library version does not know. */
        @JvmStatic
        public fun fromId(id: String): OtpPurpose = entries.firstOrNull { it.id == id } ?: UNKNOWN
    }
}

/**
 * A one-time code addressed to the recipient. Sensitive: never show [code] on the lock screen.
 *
 * @property code the code as written (e.g. `483920`).
 * @property range where the code is in the body.
 * @property purpose what the code authorises.
 * @property amount the amount mentioned with the code (e.g. `¥2,000.00`), if any.
 * @property warnsNotToShare whether the message itself says not to share the code.
 */
public data class Otp(
    val code: String,
    val range: TextRange,
    val purpose: OtpPurpose,
    val amount: String?,
    val warnsNotToShare: Boolean,
)

/**
 * The engine's explained answer for one message. Immutable.
 *
 * @property level safe, suspicious or dangerous.
 * @property score 0–100.
 * @property categories the categories that raised the score, strongest first (`refund`, `code_request`, `link`, …).
 * @property reasons every rule that fired, strongest first.
 * @property links links found in the message.
 * @property otp the one-time code the message carries, if it carries one.
 * @property senderKind what kind of sender this is (`short_code`, `mobile`, `enterprise`, `alphanumeric`, …).
 * @property brands brands the message names (brand ids from the rule packs).
 * @property truncated true when the body was longer than the engine examines and only its start was analysed.
 */
public data class Verdict(
    val level: Level,
    val score: Int,
    val categories: List<String>,
    val reasons: List<Reason>,
    val links: List<Link>,
    val otp: Otp?,
    val senderKind: String,
    val brands: List<String>,
    val truncated: Boolean,
) {
    /** True when the user should be warned ([Level.SUSPICIOUS] or [Level.DANGEROUS]). */
    public val isWarning: Boolean get() = level.isWarning
}
