package org.smishguard.demo

import android.text.Spanned
import android.text.style.BackgroundColorSpan
import android.text.style.ForegroundColorSpan
import android.text.style.StyleSpan
import android.text.style.UnderlineSpan
import android.widget.Button
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Config
import org.smishguard.Level
import org.smishguard.Reason
import org.smishguard.SmishGuard
import org.smishguard.TextRange
import org.smishguard.testing.NativeRobolectricTestRunner

/**
 * "Test a message" under Robolectric, through the real engine (JNI): samples, levels, evidence
 * spans on the right UTF-16 offsets, links, the code's purpose, advice, both languages.
 */
@RunWith(NativeRobolectricTestRunner::class)
@Config(sdk = [35])
class TestMessageScreenTest {
    private val app get() = RuntimeEnvironment.getApplication()

    private fun start() = Robolectric.buildActivity(TestMessageActivity::class.java).setup().get()

    private fun str(res: Int) = app.getString(res)

    private fun sampleButton(a: TestMessageActivity, label: Int): Button {
        fun find(v: android.view.View): Button? = when (v) {
            is Button -> v.takeIf { it.text == str(label) }
            is android.view.ViewGroup -> (0 until v.childCount).firstNotNullOfOrNull { find(v.getChildAt(it)) }
            else -> null
        }
        return find(a.findViewById(android.R.id.content)!!)!!
    }

    /** The highlighted message on the result panel. */
    private fun message(a: TestMessageActivity): Spanned =
        a.resultTexts().filterIsInstance<Spanned>().first { it.toString() == a.shown!!.second }

    @Test
    fun refundSampleIsDangerousWithEvidenceLinksAndAdvice() {
        val a = start()
        sampleButton(a, R.string.sample_refund_label).performClick()
        assertEquals(Level.DANGEROUS, a.shownLevel)
        assertEquals(str(R.string.sample_refund_body), a.bodyField.text.toString())
        assertEquals(str(R.string.sample_refund_sender), a.senderField.text.toString())
        val texts = a.resultTexts().map { it.toString() }
        assertEquals(str(R.string.level_dangerous), texts[0])
        val body = str(R.string.sample_refund_body)
        val all = texts.joinToString("\n")
        // The link, what it imitates and what is wrong with it.
        assertTrue(all, all.contains("amaz0n-refunds.top/claim\n" + app.getString(R.string.link_imitates, "amazon")))
        assertTrue(all, all.contains(str(R.string.finding_brand_lookalike)))
        assertTrue(all, all.contains(str(R.string.finding_risky_tld)))
        // Advice for a refund story with a link.
        assertTrue(all, all.contains(str(R.string.advice_refund)))
        assertTrue(all, all.contains(str(R.string.advice_link)))
        assertTrue(all, all.contains(str(R.string.advice_help)))
        // The evidence quote under a reason, e.g. «refund».
        assertTrue(all, all.contains("“refund”"))

        val msg = message(a)
        val link = msg.getSpans(0, msg.length, UnderlineSpan::class.java).single()
        assertEquals(body.indexOf("amaz0n-refunds.top/claim"), msg.getSpanStart(link))
        assertEquals(body.indexOf("amaz0n-refunds.top/claim") + "amaz0n-refunds.top/claim".length, msg.getSpanEnd(link))
        val warned = msg.getSpans(0, msg.length, BackgroundColorSpan::class.java)
            .filter { it.backgroundColor == Spans.WARNING_BACKGROUND }
            .map { body.substring(msg.getSpanStart(it), msg.getSpanEnd(it)) }
        assertTrue(warned.toString(), "refund" in warned && "within 24 hours" in warned && "duplicate charge" in warned)
    }

    @Test
    fun realOtpSampleIsSafeAndShowsTheCodeAndReassurance() {
        val a = start()
        sampleButton(a, R.string.sample_otp_label).performClick()
        assertEquals(Level.SAFE, a.shownLevel)
        val all = a.resultTexts().joinToString("\n")
        assertTrue(all, all.contains(str(R.string.level_safe)))
        assertTrue(all, all.contains(str(R.string.no_reasons)))
        assertTrue(all, all.contains(str(R.string.otp_warns)))
        assertTrue(all, all.contains(str(R.string.advice_safe)))
        assertTrue(all, all.contains(str(R.string.reason_reassuring)))
        val msg = message(a)
        val bold = msg.getSpans(0, msg.length, StyleSpan::class.java).single()
        assertEquals("730112", msg.subSequence(msg.getSpanStart(bold), msg.getSpanEnd(bold)).toString())
        val reassuring = msg.getSpans(0, msg.length, BackgroundColorSpan::class.java).filter { it.backgroundColor == Spans.REASSURING_BACKGROUND }
        assertTrue(reassuring.isNotEmpty())
    }

    @Test
    fun typedMessageWithEmojiAndSenderIsHighlightedAtUtf16Offsets() {
        val a = start()
        val body = "👋🏻🎁 " + str(R.string.sample_code_body)
        a.bodyField.setText(body)
        a.senderField.setText("  ")
        a.check()
        assertEquals(Level.DANGEROUS, a.shownLevel)
        val msg = message(a)
        val spans = msg.getSpans(0, msg.length, BackgroundColorSpan::class.java)
        assertTrue(spans.isNotEmpty())
        val expected = SmishGuard.analyze(null, body, 0).reasons.filter { it.weight > 0 }.mapNotNull { it.evidence }.toSet()
        val got = spans.map { TextRange(msg.getSpanStart(it), msg.getSpanEnd(it)) }.toSet()
        assertEquals(expected, got)
        assertTrue(got.any { body.substring(it.start, it.end) == "reply with the code" })
        // The code request's advice.
        assertTrue(a.resultTexts().joinToString().contains(str(R.string.advice_code)))
    }

    @Test
    fun emptyInputAsksForAMessage() {
        val a = start()
        a.check()
        assertEquals(listOf(str(R.string.empty_body)), a.resultTexts().map { it.toString() })
        assertEquals(null, a.shownLevel)
        // Alphanumeric senders (AMAZON, 95588-style short codes) must be typeable: a text keyboard.
        assertEquals(android.text.InputType.TYPE_CLASS_TEXT, a.senderField.inputType and android.text.InputType.TYPE_MASK_CLASS)
    }

    @Test
    fun reasonLineHighlightsItsEvidence() {
        val body = "🎁 please reply with the code"
        val i = body.indexOf("reply with the code")
        val r = Reason("en.code_request", "code_request", 45, "zh", "Asks for a code", TextRange(i, i + 19))
        val line = Spans.reasonLine(r, "Asks for a code", null, body) as Spanned
        assertEquals("• Asks for a code\n    “reply with the code”", line.toString())
        val span = line.getSpans(0, line.length, BackgroundColorSpan::class.java).single()
        assertEquals("reply with the code", line.subSequence(line.getSpanStart(span), line.getSpanEnd(span)).toString())
        val none = Spans.reasonLine(r.copy(evidence = null), "Asks", "(x)", body)
        assertEquals("• Asks (x)", none.toString())
    }

    @Test
    fun spansUseExactlyTheGivenUtf16Ranges() {
        val body = "a😀b🎁c"
        val s = Spans.highlighted(body, listOf(Highlight(1, 3, HighlightKind.LINK), Highlight(4, 6, HighlightKind.CODE)))
        val under = s.getSpans(0, s.length, UnderlineSpan::class.java).single()
        assertEquals(1 to 3, s.getSpanStart(under) to s.getSpanEnd(under))
        assertNotNull(s.getSpans(0, s.length, ForegroundColorSpan::class.java).single())
        val bold = s.getSpans(0, s.length, StyleSpan::class.java).single()
        assertEquals("🎁", s.subSequence(s.getSpanStart(bold), s.getSpanEnd(bold)).toString())
    }

    @Test
    fun resultSurvivesRecreation() {
        val controller = Robolectric.buildActivity(TestMessageActivity::class.java).setup()
        sampleButton(controller.get(), R.string.sample_code_label).performClick()
        controller.recreate()
        org.robolectric.Shadows.shadowOf(android.os.Looper.getMainLooper()).idle()
        val a = controller.get()
        assertEquals(str(R.string.sample_code_body), a.bodyField.text.toString())
        assertEquals(Level.DANGEROUS, a.shownLevel)
    }

    @Test
    @Config(qualifiers = "zh-rCN")
    fun chineseSamplesAndExplanations() {
        val a = start()
        sampleButton(a, "退款链接".let { label -> R.string.sample_refund_label.also { assertEquals(label, str(it)) } }).performClick()
        assertEquals(Level.DANGEROUS, a.shownLevel)
        val all = a.resultTexts().joinToString("\n")
        assertTrue(all, all.contains("危险：很可能是诈骗"))
        assertTrue(all, all.contains("官方平台不会通过短信链接"))
        // The rule packs' Chinese explanations, not the English ones.
        assertTrue(all, all.contains("退款"))
        assertTrue(all, !all.contains("Claims you are owed a refund"))
        sampleButton(a, R.string.sample_otp_label).performClick()
        assertEquals(Level.SAFE, a.shownLevel)
        assertTrue(a.resultTexts().joinToString().contains("此验证码用于：登录"))
    }
}
