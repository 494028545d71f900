package org.smishguard

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.util.Locale

/** The words of a warning, from a hand-built verdict (no native code, no Android). */
class WarningTextTest {
    private val verdict = Verdict(
        level = Level.DANGEROUS,
        score = 100,
        categories = listOf("link", "code_request", "refund"),
        reasons = listOf(
            Reason("combo.refund_with_link_or_ask", "combination", 20, "退款说法加上链接", "A refund story plus a link", null),
            Reason("zh.code_request", "code_request", 45, "要求提供验证码", "Asks for a verification code", TextRange(3, 9)),
            Reason("link.brand_lookalike", "link", 55, "退款链接指向非官方网站 tb-refund.cc", "The refund link goes to tb-refund.cc, not an official site", TextRange(20, 32)),
            Reason("otp.warns_not_to_share", "safe_context", -30, "提醒不要泄露", "Says not to share", null),
        ),
        links = listOf(Link(TextRange(20, 32), "http://tb-refund.cc", "tb-refund.cc", "tb-refund.cc", null, "taobao", listOf("brand_lookalike"))),
        otp = Otp("482913", TextRange(40, 46), OtpPurpose.PAYMENT, "¥2,000.00", false),
        senderKind = "mobile",
        brands = listOf("taobao"),
        truncated = false,
    )

    @Test
    fun chineseNamesTheHeaviestFindingsAndWhatToDo() {
        val w = WarningText.of(verdict, "17085562231", Locale.SIMPLIFIED_CHINESE)
        assertEquals("诈骗短信警告", w.title)
        assertTrue(w.text, w.text.startsWith("来自 17085562231 的短信很可能是诈骗。发现：退款链接指向非官方网站 tb-refund.cc；要求提供验证码；退款说法加上链接。"))
        assertTrue(w.text, w.text.contains("官方平台不会通过短信链接"))
        assertTrue(w.text, w.text.contains("110") && w.text.contains("96110"))
        assertFalse("reassuring reasons are not findings", w.text.contains("提醒不要泄露"))
        assertFalse("never the code", w.text.contains("482913"))
        assertEquals("短信安全提醒", w.publicTitle)
        assertFalse(w.publicText.contains("17085562231"))
    }

    @Test
    fun englishForOtherLanguages() {
        val w = WarningText.of(verdict.copy(level = Level.SUSPICIOUS), null, Locale.GERMAN)
        assertEquals("Suspicious SMS", w.title)
        assertTrue(w.text, w.text.startsWith("This message shows signs of a scam. Found: The refund link goes to tb-refund.cc"))
        assertTrue(w.text, w.text.contains("96110"))
        assertFalse(w.text.contains("482913"))
    }

    @Test
    fun unofficialLinkIsNamedWhenNoExplanationDoes() {
        val v = verdict.copy(reasons = verdict.reasons.filter { it.category != "link" })
        val w = WarningText.of(v, "1", Locale.ENGLISH)
        assertTrue(w.text, w.text.contains("the link goes to tb-refund.cc, not an official site"))
    }
}
