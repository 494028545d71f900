package org.smishguard

/**
 * Entry point: analyse an SMS on the device and get an explained [Verdict].
 *
 * Thread-safe: every method may be called from any thread, concurrently. Analysis runs in
 * native code (a few microseconds for an SMS) without touching the network; still, call it off
 * the main thread when you analyse many messages.
 */
public object SmishGuard {
    /**
     * Analyses one message.
     *
     * @param sender the originating address as delivered (number, short code or alphanumeric id), or null if unknown.
     * @param body the message text; any length (very long texts are analysed from the start, see [Verdict.truncated]).
     * @param receivedAtMillis when the message arrived (epoch milliseconds), or 0 if unknown.
     * @throws IllegalStateException if the native library fails internally.
     */
    @JvmStatic
    public fun analyze(sender: String?, body: String, receivedAtMillis: Long): Verdict {
        val raw = Native.analyze(sender?.toCharArray(), body.toCharArray(), receivedAtMillis)
        return VerdictDecoder.decode(raw)
    }

    /**
     * Makes the embedded default rules plus [pack] the active rules (a rule in [pack] with the id of
     * a default pack replaces it). A later call replaces the previously loaded pack.
     *
     * @param pack a rule pack in TOML, as the CLI reads it.
     * @param name a name for the pack, used in error messages (`name:line: rule `id`: …`).
     * @throws IllegalArgumentException naming the rule and line if [pack] is malformed; the rules
     *   active before the call stay active.
     */
    @JvmStatic
    @JvmOverloads
    public fun loadRules(pack: String, name: String = "custom-pack.toml") {
        require(name.isNotEmpty()) { "name must not be empty" }
        Native.loadRules(name.toCharArray(), pack.toCharArray())
    }

    /**
     * Compiles every rule pattern of the active rules now, instead of when a message first needs
     * it. Optional: without it, the first message that needs a rarely used pattern takes up to about
     * a millisecond longer (on the desktop, p99 latency over new messages 266 µs without, 199 µs
     * with). Blocks for a fraction of a second (0.18 s on the project's desktop) and keeps about
     * 12 MB of compiled automata, so call it on a background thread; [analyze] may run meanwhile.
     * [loadRules], [resetRules] and [trimMemory] start from a fresh engine: call it again after
     * them if you want everything compiled.
     */
    @JvmStatic
    public fun precompile() {
        Native.precompile()
    }

    /**
     * Gives back the memory the engine has grown, keeping the active rules. Each rule pattern's
     * automaton keeps the states it builds, so memory grows with the variety of text analysed
     * (on the desktop, about 13 MB more after 100 different messages, 38 MB after 1,000, 76 MB
     * after 5,000). This swaps in a freshly built engine (about 5 ms); the old one goes back to the
     * allocator once analyses still using it finish, and the allocator returns the pages to the
     * system in its own time. Verdicts do not change; afterwards patterns are compiled again as
     * messages need them (see [precompile]). Call it after scanning a whole inbox, or when the
     * system asks for memory: `onTrimMemory` runs on the main thread, so hand the call to a
     * background thread there.
     */
    @JvmStatic
    public fun trimMemory() {
        Native.trimMemory()
    }

    /** Returns to the embedded default rules, dropping any pack given to [loadRules]. */
    @JvmStatic
    public fun resetRules() {
        Native.resetRules()
    }
}
