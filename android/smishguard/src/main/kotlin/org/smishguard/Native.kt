package org.smishguard

/**
 * Every `external fun` of the library, in one place (implemented in `android/src/lib.rs`).
 *
 * Text goes down as `CharArray` (UTF-16, so nothing is lost to modified UTF-8) and verdicts come
 * back as `[IntArray, CharArray]`, decoded by [VerdictDecoder]. Native code looks up no
 * class of this library by name, so R8 only has to keep these methods (see consumer-rules.pro).
 */
internal object Native {
    init {
        System.loadLibrary("smishguard")
        val native = formatVersion()
        check(native == VerdictDecoder.FORMAT_VERSION) {
            "libsmishguard.so speaks verdict format $native, this library expects ${VerdictDecoder.FORMAT_VERSION}"
        }
    }

    /** Analyses one message; `receivedAtMillis <= 0` means unknown. Returns `[IntArray, CharArray]`. */
    @JvmStatic
    external fun analyze(sender: CharArray?, body: CharArray, receivedAtMillis: Long): Array<Any?>

    /** Makes the defaults plus [pack] active; throws IllegalArgumentException and keeps the old rules on error. */
    @JvmStatic
    external fun loadRules(name: CharArray, pack: CharArray)

    /** Returns to the embedded default rules. */
    @JvmStatic
    external fun resetRules()

    /** Compiles every pattern of the active rules now. */
    @JvmStatic
    external fun precompile()

    /** Swaps in a copy of the active engine that has learnt nothing (same rules). */
    @JvmStatic
    external fun trimMemory()

    /** The verdict wire format version of the loaded native library. */
    @JvmStatic
    external fun formatVersion(): Int

    /** Test builds only (`--features test-exports`): panics in native code on purpose. */
    @JvmStatic
    external fun panicForTesting(kind: Int): Int

    /** Test builds only: median nanoseconds of the core's analysis alone on this message. */
    @JvmStatic
    external fun coreNanosForTesting(sender: CharArray?, body: CharArray, iterations: Int): Long
}
