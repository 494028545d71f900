package org.smishguard.demo

import org.smishguard.Level
import org.smishguard.OtpPurpose
import org.smishguard.Reason
import org.smishguard.TextRange
import org.smishguard.Verdict

/** What a highlighted stretch of the message is evidence of; decides its look (see [Spans]). */
enum class HighlightKind {
    /** Evidence of a reason with a positive weight. */
    WARNING,

    /** Evidence of a reassuring reason (negative weight, e.g. "do not share this code"). */
    REASSURING,

    /** A link that is not an official site. */
    LINK,

    /** The one-time code the message carries. */
    CODE,
}

/**
 * A stretch of the analysed body to highlight, in UTF-16 indices (what [android.text.Spannable]
 * uses), never splitting a surrogate pair.
 */
data class Highlight(val start: Int, val end: Int, val kind: HighlightKind)

/**
 * Pure presentation rules for a [Verdict] (no Android calls, so they run on a plain JVM): which
 * stretches to highlight, the evidence quote of each reason, which resource strings describe the
 * level, the link findings, the code's purpose, and which advice applies.
 */
object Presentation {
    /**
     * Every highlight for [verdict] over [body] (the string that was analysed): reasons with a
     * non-zero weight (weight-0 reasons such as "there is a code" are informational), links that
     * are not official, and the one-time code. Ranges outside [body] are dropped; identical
     * ones are merged. Sorted by start.
     */
    fun highlights(verdict: Verdict, body: String): List<Highlight> {
        val out = LinkedHashSet<Highlight>()
        for (r in verdict.reasons) {
            val range = r.evidence?.let { snap(it, body) } ?: continue
            val kind = when {
                r.weight > 0 -> HighlightKind.WARNING
                r.weight < 0 -> HighlightKind.REASSURING
                else -> continue
            }
            out.add(Highlight(range.start, range.end, kind))
        }
        for (l in verdict.links) {
            if (l.isOfficial) continue
            val range = snap(l.range, body) ?: continue
            out.add(Highlight(range.start, range.end, HighlightKind.LINK))
        }
        verdict.otp?.let { otp -> snap(otp.range, body)?.let { out.add(Highlight(it.start, it.end, HighlightKind.CODE)) } }
        return out.sortedWith(compareBy<Highlight> { it.start }.thenBy { it.end }.thenBy { it.kind })
    }

    /**
     * [range] clamped to [body] and widened so that it neither starts nor ends inside a surrogate
     * pair (an emoji); null if it is empty or lies outside [body].
     */
    fun snap(range: TextRange, body: String): TextRange? {
        var start = range.start.coerceIn(0, body.length)
        var end = range.end.coerceIn(0, body.length)
        if (range.start > body.length || range.end < 0 || start >= end) return null
        if (start > 0 && Character.isLowSurrogate(body[start]) && Character.isHighSurrogate(body[start - 1])) start--
        if (end < body.length && Character.isLowSurrogate(body[end]) && Character.isHighSurrogate(body[end - 1])) end++
        return TextRange(start, end)
    }

    /** The text [reason] points at in [body], or null if it points at none. */
    fun evidenceOf(reason: Reason, body: String): String? =
        reason.evidence?.let { snap(it, body) }?.let { body.substring(it.start, it.end) }

    /** The string resource naming [level]. */
    fun levelRes(level: Level): Int = when (level) {
        Level.SAFE -> R.string.level_safe
        Level.SUSPICIOUS -> R.string.level_suspicious
        Level.DANGEROUS -> R.string.level_dangerous
    }

    /** The colour (ARGB) for [level]: green, orange, red. */
    fun levelColor(level: Level): Int = when (level) {
        Level.SAFE -> 0xFF2E7D32.toInt()
        Level.SUSPICIOUS -> 0xFFE65100.toInt()
        Level.DANGEROUS -> 0xFFC62828.toInt()
    }

    /** The string resource that explains a link finding id from the engine, or null for an id this app does not know. */
    fun findingRes(finding: String): Int? = when (finding) {
        "official" -> R.string.finding_official
        "unofficial" -> R.string.finding_unofficial
        "ip_host" -> R.string.finding_ip_host
        "userinfo" -> R.string.finding_userinfo
        "deceptive_subdomain" -> R.string.finding_deceptive_subdomain
        "brand_lookalike" -> R.string.finding_brand_lookalike
        "punycode" -> R.string.finding_punycode
        "shortener" -> R.string.finding_shortener
        "apk_download" -> R.string.finding_apk_download
        "risky_tld" -> R.string.finding_risky_tld
        "random_looking" -> R.string.finding_random_looking
        "chat_invite" -> R.string.finding_chat_invite
        "obfuscated" -> R.string.finding_obfuscated
        else -> null
    }

    /** The string resource naming what a code authorises. */
    fun purposeRes(purpose: OtpPurpose): Int = when (purpose) {
        OtpPurpose.LOGIN -> R.string.purpose_login
        OtpPurpose.PAYMENT -> R.string.purpose_payment
        OtpPurpose.TRANSFER -> R.string.purpose_transfer
        OtpPurpose.BIND_DEVICE -> R.string.purpose_bind_device
        OtpPurpose.CHANGE_PASSWORD -> R.string.purpose_change_password
        OtpPurpose.REFUND -> R.string.purpose_refund
        OtpPurpose.REGISTER -> R.string.purpose_register
        OtpPurpose.UNKNOWN -> R.string.purpose_unknown
    }

    /**
     * The advice for [verdict], as string resources in the order to show them: for a safe
     * message one reminder; for a warning the advice matching what was found (refund story, link,
     * code or credential request, money transfer, remote control), or a general "verify first",
     * and always what to do if it is too late.
     */
    fun adviceRes(verdict: Verdict): List<Int> {
        if (!verdict.isWarning) return listOf(R.string.advice_safe)
        val c = verdict.categories.toSet()
        val out = ArrayList<Int>()
        if (c.any { it in MONEY_STORIES }) out.add(R.string.advice_refund)
        if (verdict.links.any { !it.isOfficial } || "link" in c) out.add(R.string.advice_link)
        if ("code_request" in c || "credential_request" in c || verdict.otp != null) out.add(R.string.advice_code)
        if ("money_transfer" in c) out.add(R.string.advice_money)
        if ("remote_control" in c) out.add(R.string.advice_remote)
        if (out.isEmpty()) out.add(R.string.advice_verify)
        out.add(R.string.advice_help)
        return out
    }

    private val MONEY_STORIES = setOf("refund", "order_problem", "prize", "cancellation")
}
