package org.smishguard

import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.fail
import org.junit.Test

/** The wire format as written by android/src/encode.rs, decoded without native code. */
class VerdictDecoderTest {
    private val strings = arrayOf<String?>(
        "mobile", "refund", "taobao", "zh.refund.claim", "refund", "退款", "Refund", "http://x.cc/r", "x.cc", "x.cc",
        "unofficial", "482913", "payment", "¥2,000.00",
    )

    private fun ints(vararg tail: Int): IntArray = intArrayOf(VerdictDecoder.FORMAT_VERSION, 2, 90, 2, 0) + tail

    private val full = ints(
        1, 1, // categories
        1, 2, // brands
        1, 3, 4, 15, 5, 6, 4, 6, // one reason with evidence 4..6
        1, 10, 16, 7, 8, 9, -1, 2, 1, 10, // one link, imitates taobao, one finding
        11, 20, 26, 12, 13, 1, // otp
    )

    @Test
    fun decodesEveryField() {
        val v = VerdictDecoder.decode(arrayOf(full, strings))
        assertEquals(Level.DANGEROUS, v.level)
        assertEquals(90, v.score)
        assertEquals("mobile", v.senderKind)
        assertEquals(listOf("refund"), v.categories)
        assertEquals(listOf("taobao"), v.brands)
        assertEquals(Reason("zh.refund.claim", "refund", 15, "退款", "Refund", TextRange(4, 6)), v.reasons.single())
        val link = v.links.single()
        assertEquals(TextRange(10, 16), link.range)
        assertNull(link.officialFor)
        assertEquals("taobao", link.imitates)
        assertEquals(listOf("unofficial"), link.findings)
        assertEquals(Otp("482913", TextRange(20, 26), OtpPurpose.PAYMENT, "¥2,000.00", true), v.otp)
        assertEquals(false, v.truncated)
    }

    private fun assertRejected(raw: Array<Any?>) {
        try {
            VerdictDecoder.decode(raw)
            fail("must be rejected")
        } catch (expected: IllegalStateException) {
        }
    }

    @Test
    fun rejectsMalformedInput() {
        assertRejected(arrayOf(full))
        assertRejected(arrayOf(strings, full))
        assertRejected(arrayOf(full.copyOf(full.size - 1), strings)) // truncated
        assertRejected(arrayOf(full + 0, strings)) // trailing data
        assertRejected(arrayOf(full.copyOf().also { it[0] = 99 }, strings)) // other format version
        assertRejected(arrayOf(full.copyOf().also { it[1] = 7 }, strings)) // unknown level
        assertRejected(arrayOf(full.copyOf().also { it[6] = 99 }, strings)) // string index out of range
        assertRejected(arrayOf(full.copyOf().also { it[5] = -3 }, strings)) // negative count
    }

    @Test
    fun unknownOtpPurposeFallsBackToUnknown() {
        assertEquals(OtpPurpose.UNKNOWN, OtpPurpose.fromId("teleport"))
        assertEquals(OtpPurpose.BIND_DEVICE, OtpPurpose.fromId("bind_device"))
    }
}
