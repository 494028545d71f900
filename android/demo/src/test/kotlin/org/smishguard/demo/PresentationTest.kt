package org.smishguard.demo

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.smishguard.Level
import org.smishguard.Link
import org.smishguard.Otp
import org.smishguard.OtpPurpose
import org.smishguard.Reason
import org.smishguard.SmishGuard
import org.smishguard.TextRange
import org.smishguard.Verdict
import java.io.File

/**
 * What the "Test a message" screen shows, on a plain JVM: highlights on the right UTF-16 offsets
 * (emoji included), evidence quotes, advice, finding and purpose strings; verdicts come from the
 * real engine through JNI (libsmishguard.so) or are built by hand for exact offsets.
 */
class PresentationTest {
    private fun reason(id: String, weight: Int, range: TextRange?) = Reason(id, "refund", weight, "zh $id", "en $id", range)

    private fun verdict(
        level: Level = Level.DANGEROUS,
        categories: List<String> = emptyList(),
        reasons: List<Reason> = emptyList(),
        links: List<Link> = emptyList(),
        otp: Otp? = null,
    ) = Verdict(level, 80, categories, reasons, links, otp, "mobile", emptyList(), false)

    private fun rangeOf(body: String, part: String): TextRange {
        val i = body.indexOf(part)
        check(i >= 0) { "$part not in $body" }
        return TextRange(i, i + part.length)
    }

    @Test
    fun handBuiltVerdictHighlightsExactlyTheEvidenceAfterEmoji() {
        val body = "🎁🎁 退款 tb-tuikuan.top/r7 👉 验证码 123456 请勿泄露"
        val refund = rangeOf(body, "退款")
        val link = rangeOf(body, "tb-tuikuan.top/r7")
        val code = rangeOf(body, "123456")
        val safe = rangeOf(body, "请勿泄露")
        assertEquals("two emoji = four UTF-16 units before the evidence", 5, refund.start)
        val v = verdict(
            reasons = listOf(
                reason("refund", 15, refund),
                reason("otp.code", 0, code), // informational: not highlighted as evidence
                reason("safe", -30, safe),
                reason("no_evidence", 10, null),
            ),
            links = listOf(Link(link, "http://tb-tuikuan.top/r7", "tb-tuikuan.top", "tb-tuikuan.top", null, "taobao", listOf("unofficial"))),
            otp = Otp("123456", code, OtpPurpose.UNKNOWN, null, true),
        )
        val hs = Presentation.highlights(v, body)
        assertEquals(
            listOf(
                Highlight(refund.start, refund.end, HighlightKind.WARNING),
                Highlight(link.start, link.end, HighlightKind.LINK),
                Highlight(code.start, code.end, HighlightKind.CODE),
                Highlight(safe.start, safe.end, HighlightKind.REASSURING),
            ),
            hs,
        )
        assertEquals(listOf("退款", "tb-tuikuan.top/r7", "123456", "请勿泄露"), hs.map { body.substring(it.start, it.end) })
    }

    @Test
    fun officialLinksAndOutOfRangeEvidenceAreNotHighlighted() {
        val body = "see taobao.com"
        val v = verdict(
            reasons = listOf(reason("far", 10, TextRange(50, 60)), reason("empty", 10, TextRange(3, 3))),
            links = listOf(Link(rangeOf(body, "taobao.com"), "http://taobao.com", "taobao.com", "taobao.com", "taobao", null, listOf("official"))),
        )
        assertTrue(Presentation.highlights(v, body).isEmpty())
    }

    @Test
    fun snapNeverSplitsASurrogatePair() {
        val body = "a🎁b" // a, high, low, b
        assertEquals(TextRange(1, 3), Presentation.snap(TextRange(2, 3), body))
        assertEquals(TextRange(1, 3), Presentation.snap(TextRange(1, 2), body))
        assertEquals(TextRange(0, 4), Presentation.snap(TextRange(-5, 40), body))
        assertNull(Presentation.snap(TextRange(4, 9), body))
        assertNull(Presentation.snap(TextRange(3, 1), body))
        // A lone surrogate is left alone (nothing to pair with).
        assertEquals(TextRange(1, 2), Presentation.snap(TextRange(1, 2), "a\uD83Cb"))
    }

    @Test
    fun realEngineEvidenceLandsOnTheRightOffsetsWithEmoji() {
        val zh = Res.strings("zh")
        val body = "🎁🎉" + zh.getValue("sample_refund_body") + " 👍"
        val v = SmishGuard.analyze(zh.getValue("sample_refund_sender"), body, 0)
        assertEquals(Level.DANGEROUS, v.level)
        val hs = Presentation.highlights(v, body)
        assertTrue(hs.isNotEmpty())
        val link = hs.single { it.kind == HighlightKind.LINK }
        assertEquals("tb-tuikuan.top/r7", body.substring(link.start, link.end))
        assertEquals(body.indexOf("tb-tuikuan.top/r7"), link.start)
        val warned = hs.filter { it.kind == HighlightKind.WARNING }.map { body.substring(it.start, it.end) }
        assertTrue(warned.toString(), warned.any { it.contains("退款") })
        for (h in hs) {
            assertFalse("starts inside an emoji: $h", Character.isLowSurrogate(body[h.start]))
            assertFalse("ends inside an emoji: $h", Character.isHighSurrogate(body[h.end - 1]))
        }
        // Every positive reason with evidence has its quote, and the quote is what the engine pointed at.
        for (r in v.reasons) {
            val ev = r.evidence ?: continue
            assertEquals(body.substring(ev.start, ev.end), Presentation.evidenceOf(r, body))
        }
    }

    @Test
    fun samplesInBothLanguagesGetTheLevelsTheirButtonsPromise() {
        for (lang in listOf<String?>(null, "zh")) {
            val s = Res.strings(lang)
            fun level(kind: String) = SmishGuard.analyze(s.getValue("sample_${kind}_sender"), s.getValue("sample_${kind}_body"), 0).level
            assertEquals("refund sample ($lang)", Level.DANGEROUS, level("refund"))
            assertEquals("code sample ($lang)", Level.DANGEROUS, level("code"))
            assertEquals("real OTP sample ($lang)", Level.SAFE, level("otp"))
            val otp = SmishGuard.analyze(s.getValue("sample_otp_sender"), s.getValue("sample_otp_body"), 0)
            assertNotNull("the real OTP sample carries a code ($lang)", otp.otp)
            assertTrue(Presentation.highlights(otp, s.getValue("sample_otp_body")).any { it.kind == HighlightKind.CODE })
        }
    }

    @Test
    fun adviceMatchesWhatWasFound() {
        assertEquals(listOf(R.string.advice_safe), Presentation.adviceRes(verdict(level = Level.SAFE, categories = listOf("refund"))))
        assertEquals(
            listOf(R.string.advice_refund, R.string.advice_link, R.string.advice_help),
            Presentation.adviceRes(verdict(categories = listOf("refund", "link"))),
        )
        assertEquals(
            listOf(R.string.advice_code, R.string.advice_money, R.string.advice_remote, R.string.advice_help),
            Presentation.adviceRes(verdict(categories = listOf("code_request", "money_transfer", "remote_control"))),
        )
        assertEquals(listOf(R.string.advice_verify, R.string.advice_help), Presentation.adviceRes(verdict(level = Level.SUSPICIOUS, categories = listOf("urgency"))))
    }

    @Test
    fun everyLinkFindingOfTheEngineHasAnExplanation() {
        // The finding ids, from the core's LinkFinding enum: a new one without a string fails here.
        val src = File("../../core/src/verdict.rs").readText()
        val block = src.substringAfter("LinkFinding {").substringBefore("\n    }\n")
        val ids = Regex("= \"([a-z_]+)\"").findAll(block).map { it.groupValues[1] }.toList()
        assertTrue(ids.toString(), ids.size >= 10 && "brand_lookalike" in ids)
        for (id in ids) assertNotNull(id, Presentation.findingRes(id))
        assertNull(Presentation.findingRes("something_new"))
    }

    @Test
    fun everyPurposeAndLevelHasAString() {
        assertEquals(OtpPurpose.entries.size, OtpPurpose.entries.map { Presentation.purposeRes(it) }.toSet().size)
        assertEquals(Level.entries.size, Level.entries.map { Presentation.levelRes(it) }.toSet().size)
    }
}
