package org.smishguard

import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.fail
import org.junit.Test

/** The wire format as written by android/src/encode.rs, decoded without native code. */
class VerdictDecoderTest {
    private val strings = arrayOf(
        "mobile", "refund", "taobao", "zh.refund.claim", "refund", "退款", "Refund", "http://x.cc/r", "x.cc", "x.cc",
        "unofficial", "482913", "payment", "¥2,000.00",
    )

    private fun ints(vararg tail: Int): IntArray = intArrayOf(2, 90, 2, 0) + tail

    /** What android/src/encode.rs `to_wire` produces for this structure and string table. */
    private fun wire(
        structure: IntArray,
        table: Array<String> = strings,
        version: Int = VerdictDecoder.FORMAT_VERSION,
        chars: CharArray = table.joinToString("").toCharArray(),
    ): Array<Any?> = arrayOf(intArrayOf(version, table.size) + table.map { it.length }.toIntArray() + structure, chars)

    private val full = ints(
        1, 1, // categories
        1, 2, // brands
        1, 3, 4, 15, 5, 6, 4, 6, // one reason with evidence 4..6
        1, 10, 16, 7, 8, 9, -1, 2, 1, 10, // one link, imitates taobao, one finding
        11, 20, 26, 12, 13, 1, // otp
    )

    @Test
    fun decodesEveryField() {
        val v = VerdictDecoder.decode(wire(full))
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
        assertRejected(arrayOf(wire(full)[0]))
        assertRejected(wire(full).reversedArray())
        assertRejected(wire(full.copyOf(full.size - 1))) // truncated
        assertRejected(wire(full + 0)) // trailing data
        assertRejected(wire(full, version = 99)) // other format version
        assertRejected(wire(full.copyOf().also { it[0] = 7 })) // unknown level
        assertRejected(wire(full.copyOf().also { it[3] = 99 })) // string index out of range
        assertRejected(wire(full.copyOf().also { it[4] = -3 })) // negative count
        assertRejected(wire(full, chars = strings.joinToString("").dropLast(1).toCharArray())) // text too short
        assertRejected(wire(full, chars = (strings.joinToString("") + "x").toCharArray())) // unused text
    }

    @Test
    fun unknownOtpPurposeFallsBackToUnknown() {
        assertEquals(OtpPurpose.UNKNOWN, OtpPurpose.fromId("teleport"))
        assertEquals(OtpPurpose.BIND_DEVICE, OtpPurpose.fromId("bind_device"))
    }
}
