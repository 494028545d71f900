package org.smishguard

/**
 * JNI round-trip latency: Kotlin String in → Verdict object out, per message, on the desktop JVM.
 * A harness main, not a test: `mvn -f android/pom.xml test-compile exec:exec@bench`.
 * Prints median and p99 per message kind after a warm-up.
 */
object RoundTripBench {
    @JvmStatic
    fun main(args: Array<String>) {
        val rounds = args.firstOrNull()?.toInt() ?: 50_000
        val cases = listOf(
            "zh refund scam (${Samples.ZH_REFUND_SCAM.length} chars)" to (Samples.ZH_REFUND_SENDER to Samples.ZH_REFUND_SCAM),
            "zh legit OTP (${Samples.ZH_LEGIT_OTP.length} chars)" to (Samples.ZH_OTP_SENDER to Samples.ZH_LEGIT_OTP),
            "en parcel scam (${Samples.EN_PARCEL_SCAM.length} chars)" to (Samples.EN_PARCEL_SENDER to Samples.EN_PARCEL_SCAM),
            "en chat (${Samples.EN_LEGIT_CHAT.length} chars)" to ("+15550123" to Samples.EN_LEGIT_CHAT),
        )
        println("JNI round trip, SmishGuard.analyze → Verdict, $rounds calls per case after warm-up")
        println("java ${System.getProperty("java.version")}, ${System.getProperty("os.arch")}")
        val all = ArrayList<Long>()
        for ((name, msg) in cases) {
            val (sender, body) = msg
            repeat(10_000) { SmishGuard.analyze(sender, body, 0) }
            val times = LongArray(rounds)
            for (i in 0 until rounds) {
                val t0 = System.nanoTime()
                SmishGuard.analyze(sender, body, 0)
                times[i] = System.nanoTime() - t0
            }
            times.sort()
            all.addAll(times.toList())
            val core = Native.coreNanosForTesting(sender.toCharArray(), body.toCharArray(), rounds)
            println(
                String.format(
                    "%-32s median %7.1f µs   p99 %7.1f µs   core alone (median) %7.1f µs   bridge overhead ≈ %5.1f µs",
                    name, times[rounds / 2] / 1e3, times[rounds * 99 / 100] / 1e3, core / 1e3, (times[rounds / 2] - core) / 1e3,
                ),
            )
        }
        all.sort()
        println(String.format("%-32s median %7.1f µs   p99 %7.1f µs", "all", all[all.size / 2] / 1e3, all[all.size * 99 / 100] / 1e3))
    }
}
