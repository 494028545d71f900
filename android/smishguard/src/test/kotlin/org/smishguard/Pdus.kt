package org.smishguard

import java.io.ByteArrayOutputStream

/**
 * Builds GSM SMS-DELIVER PDUs (3GPP TS 23.040) as a modem hands them to Android, so tests feed
 * the framework's real PDU parser instead of a mocked SmsMessage.
 */
internal object Pdus {
    private const val GSM7_BASIC =
        "@£\$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
            "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

    init {
        check(GSM7_BASIC.length == 128)
    }

    /** Whether [text] fits the GSM 7-bit default alphabet (basic table only). */
    fun isGsm7(text: String): Boolean = text.all { GSM7_BASIC.indexOf(it) >= 0 }

    /** One PDU per segment: a single one if the text fits, else concatenated segments with a UDH. */
    fun deliver(sender: String, text: String, ucs2: Boolean = !isGsm7(text), concatRef: Int = 0x42): List<ByteArray> {
        val perSegment = if (ucs2) 67 else 153 // with a 6-byte concatenation header
        val single = if (ucs2) 70 else 160
        val units = text.length // GSM7 basic: one septet per char; UCS-2: one unit per char
        if (units <= single) return listOf(segment(sender, text, ucs2, null))
        val parts = text.chunked(perSegment).let { chunks ->
            // Never split a surrogate pair across segments.
            if (ucs2) splitUcs2(text, perSegment) else chunks
        }
        return parts.mapIndexed { i, part ->
            segment(sender, part, ucs2, byteArrayOf(0x00, 0x03, concatRef.toByte(), parts.size.toByte(), (i + 1).toByte()))
        }
    }

    private fun splitUcs2(text: String, max: Int): List<String> {
        val out = ArrayList<String>()
        var start = 0
        while (start < text.length) {
            var end = minOf(start + max, text.length)
            if (end < text.length && Character.isHighSurrogate(text[end - 1])) end--
            out.add(text.substring(start, end))
            start = end
        }
        return out
    }

    private fun segment(sender: String, text: String, ucs2: Boolean, udhIes: ByteArray?): ByteArray {
        val out = ByteArrayOutputStream()
        out.write(0x00) // no SMSC address
        out.write(0x04 or (if (udhIes != null) 0x40 else 0)) // SMS-DELIVER, no more messages, UDHI
        address(out, sender)
        out.write(0x00) // TP-PID
        out.write(if (ucs2) 0x08 else 0x00) // TP-DCS
        out.write(byteArrayOf(0x62, 0x11, 0x03, 0x21, 0x43, 0x65, 0x23)) // 2026-11-30 12:34:56 +08:45
        val udh = udhIes?.let { byteArrayOf(it.size.toByte()) + it }
        if (ucs2) {
            val body = text.toByteArray(Charsets.UTF_16BE)
            val ud = (udh ?: ByteArray(0)) + body
            out.write(ud.size)
            out.write(ud)
        } else {
            val headerBits = (udh?.size ?: 0) * 8
            val fill = (7 - headerBits % 7) % 7
            val septetsBefore = (headerBits + fill) / 7
            val totalBits = headerBits + fill + text.length * 7
            val ud = ByteArray((totalBits + 7) / 8)
            udh?.copyInto(ud)
            var bit = headerBits + fill
            for (ch in text) {
                val septet = GSM7_BASIC.indexOf(ch)
                require(septet >= 0) { "not in the GSM 7-bit basic table: $ch" }
                for (i in 0 until 7) {
                    if ((septet shr i) and 1 == 1) {
                        ud[(bit + i) / 8] = (ud[(bit + i) / 8].toInt() or (1 shl ((bit + i) % 8))).toByte()
                    }
                }
                bit += 7
            }
            out.write(septetsBefore + text.length)
            out.write(ud)
        }
        return out.toByteArray()
    }

    private fun address(out: ByteArrayOutputStream, number: String) {
        val international = number.startsWith("+")
        val digits = number.removePrefix("+")
        require(digits.all { it.isDigit() }) { "numeric senders only: $number" }
        out.write(digits.length)
        out.write(if (international) 0x91 else 0x81)
        val padded = if (digits.length % 2 == 1) digits + "F" else digits
        for (i in padded.indices step 2) {
            val lo = Character.digit(padded[i], 16)
            val hi = Character.digit(padded[i + 1], 16)
            out.write((hi shl 4) or lo)
        }
    }
}
