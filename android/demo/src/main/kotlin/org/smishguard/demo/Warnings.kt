package org.smishguard.demo

import android.app.PendingIntent
import android.content.ComponentName
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import org.smishguard.IncomingSms
import org.smishguard.NotifyResult
import org.smishguard.ScamWarningNotifier
import org.smishguard.SmsWarningReceiver
import org.smishguard.Verdict
import java.io.File

/**
 * The library's drop-in receiver, extended to keep a history: every warning is recorded on the
 * device and its notification opens the recorded entry. Runs on the library's background thread.
 */
class DemoSmsReceiver : SmsWarningReceiver() {
    override fun onVerdict(context: Context, sms: IncomingSms, verdict: Verdict) {
        if (!verdict.isWarning) return
        val at = if (sms.timestampMillis > 0) sms.timestampMillis else System.currentTimeMillis()
        Warnings.raise(context, sms.sender, verdict, at)
    }
}

/** Raising a warning: record it, then notify with an intent that opens the record. */
object Warnings {
    /** The history file of this app (private to it: `filesDir`). */
    fun history(context: Context): HistoryStore = HistoryStore(File(context.filesDir, "history.tsv"))

    /**
     * Records [verdict] for a message from [sender] received at [receivedAtMillis] and posts the
     * library's warning notification, whose tap opens [EntryActivity] on the new entry. Returns
     * the stored entry and what the notifier did (the entry is kept even if no notification
     * could be shown, e.g. without POST_NOTIFICATIONS).
     */
    fun raise(context: Context, sender: String?, verdict: Verdict, receivedAtMillis: Long): Pair<HistoryEntry, NotifyResult> {
        val entry = history(context).add(HistoryEntry.of(verdict, sender, receivedAtMillis))
        val result = ScamWarningNotifier(context, openEntryIntent(context, entry.id)).show(verdict, sender)
        return entry to result
    }

    /**
     * A PendingIntent that opens the history with the entry [id] on top, so Back from the entry
     * leads to the history. Each id gets its own PendingIntent (distinct data URI).
     */
    fun openEntryIntent(context: Context, id: Long): PendingIntent {
        val history = Intent(context, HistoryActivity::class.java)
            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TASK)
        val entry = EntryActivity.intent(context, id)
        return PendingIntent.getActivities(
            context,
            id.toInt(),
            arrayOf(history, entry),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )
    }
}

/** The status screen's protection switch: whether [DemoSmsReceiver] is enabled. */
object ProtectionSwitch {
    private fun component(context: Context) = ComponentName(context, DemoSmsReceiver::class.java)

    /** True unless the user turned protection off (the receiver is enabled in the manifest). */
    fun isOn(context: Context): Boolean =
        context.packageManager.getComponentEnabledSetting(component(context)) != PackageManager.COMPONENT_ENABLED_STATE_DISABLED

    /** Enables or disables the receiver: when off, the system does not deliver SMS to this app at all. */
    fun set(context: Context, on: Boolean) {
        context.packageManager.setComponentEnabledSetting(
            component(context),
            if (on) PackageManager.COMPONENT_ENABLED_STATE_ENABLED else PackageManager.COMPONENT_ENABLED_STATE_DISABLED,
            PackageManager.DONT_KILL_APP,
        )
    }
}

/** Remembers which permissions the app has asked for (to tell "never asked" from "don't ask again"). */
class Prefs(context: Context) {
    private val prefs = context.getSharedPreferences("smishguard_demo", Context.MODE_PRIVATE)

    /** Whether the system dialog for [permission] has been answered before. */
    fun asked(permission: String): Boolean = prefs.getBoolean("asked:$permission", false)

    /** Records that the dialog for [permission] was answered. */
    fun markAsked(permission: String) {
        prefs.edit().putBoolean("asked:$permission", true).apply()
    }
}

/** This app's page in the system settings (permissions, notifications). */
internal fun appSettingsIntent(context: Context): Intent =
    Intent(android.provider.Settings.ACTION_APPLICATION_DETAILS_SETTINGS, Uri.fromParts("package", context.packageName, null))
