package org.smishguard

import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** SmishGuard → JNI → core → back, on the desktop JVM (run with -Xcheck:jni by the build). */
class BridgeTest {
    @After
    fun resetRules() {
        SmishGuard.resetRules()
    }

    @Test
    fun zhAndEnScamsAndOtpsGetTheCliLevels() {
        for ((sender, body, expected) in Samples.EXPECTED) {
            val v = SmishGuard.analyze(sender, body, 1_764_500_000_000L)
            assertEquals("level of: $body", expected, v.level)
            if (expected == Level.DANGEROUS) {
                assertTrue(v.reasons.isNotEmpty())
                assertTrue(v.score > 0)
            }
        }
    }

    @Test
    fun verdictCarriesExplanationsLinksAndEvidenceAsUtf16Ranges() {
        val body = Samples.ZH_REFUND_SCAM
        val v = SmishGuard.analyze(Samples.ZH_REFUND_SENDER, body, 0)
        assertEquals(Level.DANGEROUS, v.level)
        assertTrue(v.categories.contains("refund"))
        val link = v.links.single()
        assertEquals("tb-tuikuan.top/r7", link.range.textIn(body))
        assertFalse(link.isOfficial)
        assertTrue(link.findings.isNotEmpty())
        val withEvidence = v.reasons.filter { it.evidence != null }
        assertTrue(withEvidence.isNotEmpty())
        for (r in withEvidence) {
            assertTrue(r.ruleId, r.evidence!!.textIn(body).isNotEmpty())
            assertTrue(r.explanationZh.isNotEmpty() && r.explanationEn.isNotEmpty())
        }
        assertTrue(v.reasons.any { it.explanationZh.contains("tb-tuikuan.top") })
    }

    @Test
    fun otpIsReportedWithItsPurposeAndRange() {
        val v = SmishGuard.analyze(Samples.ZH_OTP_SENDER, Samples.ZH_LEGIT_OTP, 0)
        val otp = assertNotNullAnd(v.otp)
        assertEquals("771034", otp.code)
        assertEquals("771034", otp.range.textIn(Samples.ZH_LEGIT_OTP))
        assertEquals(OtpPurpose.LOGIN, otp.purpose)
        assertTrue(otp.warnsNotToShare)
    }

    @Test
    fun emojiBeforeTheEvidenceShiftsRangesByUtf16Units() {
        val plain = SmishGuard.analyze(Samples.EN_PARCEL_SENDER, Samples.EN_PARCEL_SCAM, 0)
        val prefix = "😀🚚 " // two supplementary characters + space = 5 UTF-16 units
        val body = prefix + Samples.EN_PARCEL_SCAM
        val v = SmishGuard.analyze(Samples.EN_PARCEL_SENDER, body, 0)
        assertEquals(plain.level, v.level)
        assertEquals(plain.score, v.score)
        assertEquals(plain.links.size, v.links.size)
        for ((a, b) in plain.links.zip(v.links)) {
            assertEquals(a.range.start + prefix.length, b.range.start)
            assertEquals(a.range.textIn(Samples.EN_PARCEL_SCAM), b.range.textIn(body))
        }
        val emojiOnly = SmishGuard.analyze(null, "🎉🎉🎉 生日快乐！🎂", 0)
        assertEquals(Level.SAFE, emojiOnly.level)
    }

    @Test
    fun loneSurrogatesAreReplacedWithoutShiftingIndices() {
        val plain = SmishGuard.analyze(Samples.ZH_REFUND_SENDER, Samples.ZH_REFUND_SCAM, 0)
        val body = "\uD800" + Samples.ZH_REFUND_SCAM + "\uDC00x\uDBFF"
        val v = SmishGuard.analyze(Samples.ZH_REFUND_SENDER, body, 0)
        assertEquals(plain.level, v.level)
        assertEquals(plain.links.single().range.start + 1, v.links.single().range.start)
        assertEquals("tb-tuikuan.top/r7", v.links.single().range.textIn(body))
        // A lone surrogate in the sender is survivable too.
        assertEquals(Level.SAFE, SmishGuard.analyze("\uDC00", "\uD83D", 0).level)
    }

    @Test
    fun emptyBody() {
        val v = SmishGuard.analyze(null, "", 0)
        assertEquals(Level.SAFE, v.level)
        assertEquals(0, v.score)
        assertTrue(v.reasons.isEmpty())
        assertNull(v.otp)
        assertFalse(v.truncated)
    }

    @Test
    fun oneMegabyteBodies() {
        val ascii = "a".repeat(1 shl 20)
        val v = SmishGuard.analyze(null, ascii, 0)
        assertEquals(Level.SAFE, v.level)
        val chinese = Samples.ZH_REFUND_SCAM + "好".repeat(1 shl 20)
        val w = SmishGuard.analyze(Samples.ZH_REFUND_SENDER, chinese, 0)
        assertTrue("scam at the start of a huge body is still found", w.level.isWarning)
        assertTrue(w.truncated)
        for (r in w.reasons) {
            r.evidence?.let { assertTrue(it.end <= chinese.length) }
        }
    }

    @Test
    fun eightThreadsThousandsOfCallsGiveIdenticalResults() {
        val expected = Samples.EXPECTED.map { (s, b, _) -> SmishGuard.analyze(s, b, 0) }
        val pool = Executors.newFixedThreadPool(8)
        try {
            val tasks = (0 until 8).map { t ->
                Callable {
                    var mismatches = 0
                    repeat(2_000) { i ->
                        val k = (i + t) % expected.size
                        val (s, b, _) = Samples.EXPECTED[k]
                        if (SmishGuard.analyze(s, b, 0) != expected[k]) mismatches++
                    }
                    mismatches
                }
            }
            val results = pool.invokeAll(tasks).map { it.get(120, TimeUnit.SECONDS) }
            assertEquals(List(8) { 0 }, results)
        } finally {
            pool.shutdownNow()
        }
    }

    @Test
    fun precompilingOnABackgroundThreadWhileAnalysingChangesNoVerdict() {
        analyseWhile { SmishGuard.precompile() }
    }

    @Test
    fun trimmingMemoryWhileAnalysingKeepsTheRulesAndTheVerdicts() {
        val expected = analyseWhile { repeat(20) { SmishGuard.trimMemory() } }
        // Trimming the defaults keeps the defaults.
        SmishGuard.resetRules()
        SmishGuard.analyze(null, MAGIC_PROBE, 0) // builds the defaults, so there is something to trim
        SmishGuard.trimMemory()
        assertEquals(Level.SAFE, SmishGuard.analyze(null, MAGIC_PROBE, 0).level)
        assertEquals(expected.dropLast(1), Samples.EXPECTED.map { (s, b, _) -> SmishGuard.analyze(s, b, 0) })
    }

    /**
     * With the test pack loaded, runs [action] on another thread while analysing the samples
     * (and a message only the pack flags) over and over: every verdict must stay as before, and
     * the pack must still be active afterwards. Returns the verdicts.
     */
    private fun analyseWhile(action: () -> Unit): List<Verdict> {
        SmishGuard.loadRules(Samples.VALID_PACK, "test-pack.toml")
        val messages = Samples.EXPECTED.map { (s, b, _) -> s to b } + (null to MAGIC_PROBE)
        val expected = messages.map { (s, b) -> SmishGuard.analyze(s, b, 0) }
        val worker = Thread(action)
        worker.start()
        var rounds = 0
        while (worker.isAlive || rounds < 3) {
            assertEquals(expected, messages.map { (s, b) -> SmishGuard.analyze(s, b, 0) })
            rounds++
        }
        worker.join()
        assertTrue(SmishGuard.analyze(null, MAGIC_PROBE, 0).reasons.any { it.ruleId == "test.magic_word" })
        return expected
    }

    @Test
    fun malformedPackThrowsNamingTheRuleAndKeepsTheOldRules() {
        val probe = "please read out the xyzzy-magic now"
        val before = SmishGuard.analyze(null, probe, 0)
        assertEquals(Level.SAFE, before.level)

        SmishGuard.loadRules(Samples.VALID_PACK, "test-pack.toml")
        val custom = SmishGuard.analyze(null, probe, 0)
        assertTrue(custom.reasons.any { it.ruleId == "test.magic_word" })

        try {
            SmishGuard.loadRules(Samples.MALFORMED_PACK, "broken.toml")
            fail("a malformed pack must be rejected")
        } catch (e: IllegalArgumentException) {
            val m = e.message ?: ""
            assertTrue(m, m.contains("test.unclosed_group"))
            assertTrue(m, m.contains("broken.toml"))
        }
        // The pack loaded before the failure is still in force.
        assertEquals(custom, SmishGuard.analyze(null, probe, 0))

        SmishGuard.resetRules()
        assertEquals(before, SmishGuard.analyze(null, probe, 0))
    }

    @Test
    fun notTomlAtAllIsABadArgument() {
        try {
            SmishGuard.loadRules("this is [not toml", "garbage.toml")
            fail()
        } catch (e: IllegalArgumentException) {
            assertTrue(e.message ?: "", (e.message ?: "").contains("garbage.toml"))
        }
        assertEquals(Level.DANGEROUS, SmishGuard.analyze(Samples.ZH_REFUND_SENDER, Samples.ZH_REFUND_SCAM, 0).level)
    }

    @Test
    fun nativePanicsBecomeJavaExceptionsAndTheJvmLivesOn() {
        for (kind in 0..2) {
            try {
                Native.panicForTesting(kind)
                fail("kind $kind must throw")
            } catch (e: IllegalStateException) {
                val m = e.message ?: ""
                assertTrue(m, m.startsWith("smishguard native panic: "))
                when (kind) {
                    0 -> assertEquals("smishguard native panic: deliberate test panic", m)
                    1 -> assertEquals("smishguard native panic: deliberate test panic #1", m)
                    2 -> assertTrue(m, m.contains("non-string payload"))
                }
            }
        }
        try {
            Native.panicForTesting(3)
            fail()
        } catch (e: IllegalArgumentException) {
            assertEquals("deliberate bad input", e.message)
        }
        assertEquals(7, Native.panicForTesting(7))
        // Still fully working after the panics.
        assertEquals(Level.DANGEROUS, SmishGuard.analyze(Samples.EN_PARCEL_SENDER, Samples.EN_PARCEL_SCAM, 0).level)
    }

    @Test
    fun verdictListsAreImmutable() {
        val v = SmishGuard.analyze(Samples.ZH_REFUND_SENDER, Samples.ZH_REFUND_SCAM, 0)
        try {
            @Suppress("UNCHECKED_CAST")
            (v.reasons as MutableList<Reason>).clear()
            fail("reasons must be read-only")
        } catch (expected: UnsupportedOperationException) {
        }
        assertTrue(v.reasons.isNotEmpty())
    }

    private fun <T : Any> assertNotNullAnd(value: T?): T {
        assertNotNull(value)
        return value!!
    }

    private companion object {
        /** Flagged only by the test pack's rule `test.magic_word`. */
        const val MAGIC_PROBE = "please read out the xyzzy-magic now"
    }
}
