package org.smishguard

import java.util.Collections

/**
 * Reads the `[IntArray, CharArray]` pair that `Native.analyze` returns: a string table (lengths
 * in the ints, UTF-16 text in the chars) followed by the verdict's structure.
 *
 * The layout is defined in `android/src/encode.rs` (module docs); keep the two in step and bump
 * [FORMAT_VERSION] on both sides when it changes.
 */
internal object VerdictDecoder {
    const val FORMAT_VERSION: Int = 2
    private const val FLAG_TRUNCATED = 1
    private const val FLAG_HAS_OTP = 2

    fun decode(raw: Array<Any?>): Verdict {
        check(raw.size == 2) { "native verdict: expected 2 parts, got ${raw.size}" }
        val ints = raw[0] as? IntArray ?: throw IllegalStateException("native verdict: part 0 is not an int[]")
        val chars = raw[1] as? CharArray ?: throw IllegalStateException("native verdict: part 1 is not a char[]")
        return Reader(ints, chars).verdict()
    }

    private class Reader(private val ints: IntArray, chars: CharArray) {
        private var pos = 0
        private val strings: Array<String>

        init {
            val version = int()
            check(version == FORMAT_VERSION) { "native verdict format $version, expected $FORMAT_VERSION" }
            val n = count()
            var offset = 0
            strings = Array(n) {
                val len = count()
                check(len <= chars.size - offset) { "native verdict: string table overruns the text" }
                String(chars, offset, len).also { offset += len }
            }
            check(offset == chars.size) { "native verdict: ${chars.size - offset} unused chars" }
        }

        private fun int(): Int {
            check(pos < ints.size) { "native verdict: truncated at $pos" }
            return ints[pos++]
        }

        private fun count(): Int = int().also { check(it >= 0) { "native verdict: negative count at ${pos - 1}" } }

        private fun str(): String = optStr() ?: throw IllegalStateException("native verdict: missing string at ${pos - 1}")

        private fun optStr(): String? {
            val i = int()
            if (i == -1) return null
            check(i in strings.indices) { "native verdict: string index $i out of range" }
            return strings[i]
        }

        private fun range(): TextRange = TextRange(int(), int())

        private inline fun <T> list(item: () -> T): List<T> {
            val n = count()
            val out = ArrayList<T>(n)
            repeat(n) { out.add(item()) }
            return Collections.unmodifiableList(out)
        }

        fun verdict(): Verdict {
            val level = when (val l = int()) {
                0 -> Level.SAFE
                1 -> Level.SUSPICIOUS
                2 -> Level.DANGEROUS
                else -> throw IllegalStateException("native verdict: unknown level $l")
            }
            val score = int()
            val flags = int()
            val sender = str()
            val categories = list { str() }
            val brands = list { str() }
            val reasons = list {
                val id = str()
                val category = str()
                val weight = int()
                val zh = str()
                val en = str()
                val start = int()
                val end = int()
                Reason(id, category, weight, zh, en, if (start < 0) null else TextRange(start, end))
            }
            val links = list {
                val range = range()
                Link(range, url = str(), host = str(), domain = str(), officialFor = optStr(), imitates = optStr(), findings = list { str() })
            }
            val otp = if (flags and FLAG_HAS_OTP != 0) {
                val code = str()
                val range = range()
                Otp(code, range, OtpPurpose.fromId(str()), amount = optStr(), warnsNotToShare = int() != 0)
            } else {
                null
            }
            check(pos == ints.size) { "native verdict: ${ints.size - pos} trailing ints" }
            return Verdict(level, score, categories, reasons, links, otp, sender, brands, flags and FLAG_TRUNCATED != 0)
        }
    }
}
