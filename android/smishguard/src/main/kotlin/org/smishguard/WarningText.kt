package org.smishguard

import java.util.Locale

/**
 * The words of a warning, built from a [Verdict]: what was found comes from the rule packs'
 * explanations (so the CLI and the phone say the same thing); what to do is fixed advice.
 *
 * @property title the notification title.
 * @property text the full text: sender, findings, advice.
 * @property publicTitle the lock-screen title: no sender, no content.
 * @property publicText the lock-screen text: no sender, no content.
 */
public data class WarningText(
    val title: String,
    val text: String,
    val publicTitle: String,
    val publicText: String,
) {
    /** Builds warning texts. */
    public companion object {
        /** How many distinct findings the text names at most. */
        public const val MAX_FINDINGS: Int = 3

        /**
         * The warning for [verdict] about a message from [sender], in Chinese if [locale]'s language
         * is Chinese and in English otherwise. Never contains the message body or an OTP code.
         */
        @JvmStatic
        public fun of(verdict: Verdict, sender: String?, locale: Locale): WarningText {
            val zh = locale.language == "zh"
            val findings = LinkedHashSet<String>()
            // The heaviest evidence first (a look-alike link, a code request), then the
            // combinations that explain why the parts together mean a scam.
            for (r in verdict.reasons.sortedByDescending { it.weight }) {
                if (r.weight <= 0) continue
                val e = (if (zh) r.explanationZh else r.explanationEn).trim()
                if (e.isNotEmpty()) findings.add(e)
                if (findings.size >= MAX_FINDINGS) break
            }
            val joined = findings.joinToString(if (zh) "；" else "; ")
            for (l in verdict.links) {
                if (l.isOfficial || l.domain.isEmpty() || joined.contains(l.domain)) continue
                findings.add(if (zh) "链接指向非官方网站 ${l.domain}" else "the link goes to ${l.domain}, not an official site")
                break
            }
            val dangerous = verdict.level == Level.DANGEROUS
            val title = when {
                zh && dangerous -> "诈骗短信警告"
                zh -> "可疑短信提醒"
                dangerous -> "Scam SMS warning"
                else -> "Suspicious SMS"
            }
            val from = sender?.takeIf { it.isNotBlank() }
            val text = buildString {
                if (zh) {
                    append(if (from != null) "来自 $from 的短信" else "这条短信")
                    append(if (dangerous) "很可能是诈骗。" else "有诈骗迹象。")
                    if (findings.isNotEmpty()) append("发现：").append(findings.joinToString("；")).append("。")
                    append(advice(verdict, true))
                } else {
                    append(if (from != null) "The message from $from " else "This message ")
                    append(if (dangerous) "is very likely a scam. " else "shows signs of a scam. ")
                    if (findings.isNotEmpty()) append("Found: ").append(findings.joinToString("; ")).append(". ")
                    append(advice(verdict, false))
                }
            }
            val publicTitle = if (zh) "短信安全提醒" else "SMS safety warning"
            val publicText = if (zh) "解锁后查看详情" else "Unlock to see details"
            return WarningText(title, text, publicTitle, publicText)
        }

        private fun advice(verdict: Verdict, zh: Boolean): String {
            val moneyStory = verdict.categories.any { it == "refund" || it == "order_problem" || it == "prize" || it == "cancellation" }
            val hasLink = verdict.links.any { !it.isOfficial }
            return buildString {
                if (moneyStory || hasLink) {
                    append(if (zh) "官方平台不会通过短信链接或客服电话给您退款、理赔。" else "Official platforms never refund or compensate through links or callbacks. ")
                }
                append(if (zh) "验证码不要告诉任何人，包括自称客服或警察的人。" else "Never share verification codes with anyone, including people who claim to be customer service or police. ")
                append(if (zh) "如已转账或泄露信息，请立即拨打110或反诈专线96110。" else "If you have paid or shared details, call 110 or the anti-fraud line 96110 (in China) now.")
            }
        }
    }
}
