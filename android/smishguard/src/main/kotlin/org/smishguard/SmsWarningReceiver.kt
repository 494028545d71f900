package org.smishguard

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.provider.Telephony
import android.util.Log
import java.util.concurrent.Executor
import java.util.concurrent.Executors

/**
 * One SMS as the user sees it: all parts of a multi-part message from one sender, joined.
 *
 * @property sender the originating address, or null if the network gave none.
 * @property body the joined text of all parts.
 * @property timestampMillis the service-centre time of the first part (epoch milliseconds), or 0.
 */
public data class IncomingSms(val sender: String?, val body: String, val timestampMillis: Long) {
    /** Reading SMS broadcasts. */
    public companion object {
        /**
         * The messages in an `SMS_RECEIVED` or `SMS_DELIVER` intent, parts from the same sender joined
         * in order. Use this from a default SMS app's own `SMS_DELIVER` receiver.
         */
        @JvmStatic
        public fun fromIntent(intent: Intent): List<IncomingSms> {
            val parts = Telephony.Sms.Intents.getMessagesFromIntent(intent) ?: return emptyList()
            val bySender = LinkedHashMap<String?, Pair<StringBuilder, Long>>()
            for (part in parts) {
                if (part == null) continue
                val text = part.messageBody ?: continue
                val entry = bySender.getOrPut(part.originatingAddress) { StringBuilder() to part.timestampMillis }
                entry.first.append(text)
            }
            return bySender.map { (sender, v) -> IncomingSms(sender, v.first.toString(), v.second) }
        }
    }
}

/**
 * Drop-in receiver: analyses incoming SMS off the main thread and posts a [ScamWarningNotifier]
 * warning for suspicious and dangerous ones.
 *
 * Handles `android.provider.Telephony.SMS_RECEIVED` (any app holding RECEIVE_SMS) and
 * `SMS_DELIVER` (the default SMS app). It is declared disabled in the library manifest and
 * protected by `android.permission.BROADCAST_SMS`; enable it in the host app (see README).
 * Subclass and override [onVerdict] to act differently (e.g. to also file the message).
 */
public open class SmsWarningReceiver : BroadcastReceiver() {
    /** Shared state. */
    public companion object {
        private const val TAG = "SmishGuard"

        /** Where analysis runs: one background daemon thread, shared by all instances. Replaceable in tests. */
        @Volatile
        internal var executor: Executor = Executors.newSingleThreadExecutor { r ->
            Thread(r, "smishguard-sms").apply { isDaemon = true }
        }
    }

    override fun onReceive(context: Context, intent: Intent) {
        val action = intent.action
        if (action != Telephony.Sms.Intents.SMS_RECEIVED_ACTION && action != Telephony.Sms.Intents.SMS_DELIVER_ACTION) {
            return
        }
        val messages = try {
            IncomingSms.fromIntent(intent)
        } catch (e: RuntimeException) {
            Log.w(TAG, "unreadable SMS intent: ${e.javaClass.name}")
            return
        }
        if (messages.isEmpty()) return
        val appContext = context.applicationContext ?: context
        val pending = goAsync()
        executor.execute {
            try {
                for (sms in messages) {
                    val verdict = SmishGuard.analyze(sms.sender, sms.body, sms.timestampMillis)
                    onVerdict(appContext, sms, verdict)
                }
            } catch (e: RuntimeException) {
                // Never log the message: only what failed.
                Log.e(TAG, "SMS analysis failed: ${e.javaClass.name}")
            } catch (e: LinkageError) {
                // libsmishguard.so missing for this ABI or not loadable: no warning, but no
                // crash of the host app on every incoming SMS either.
                Log.e(TAG, "smishguard native library unavailable: ${e.javaClass.name}")
            } finally {
                pending?.finish()
            }
        }
    }

    /**
     * Called on the background thread for every analysed message. The default posts a warning
     * for [Verdict.isWarning] verdicts and does nothing for safe ones.
     */
    protected open fun onVerdict(context: Context, sms: IncomingSms, verdict: Verdict) {
        if (!verdict.isWarning) return
        val result = ScamWarningNotifier(context).show(verdict, sms.sender)
        if (!result.shown) Log.i(TAG, "scam warning not shown: $result")
    }
}
