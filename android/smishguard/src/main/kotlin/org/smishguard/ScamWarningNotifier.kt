package org.smishguard

import android.Manifest
import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import java.util.Locale

/** What [ScamWarningNotifier.show] did. */
public enum class NotifyResult {
    /** The warning was posted. */
    SHOWN,

    /** The verdict was [Level.SAFE]: nothing to warn about, nothing posted. */
    NOT_A_WARNING,

    /** Android 13+: the app does not hold POST_NOTIFICATIONS (ask the user, then retry). */
    PERMISSION_DENIED,

    /** The user turned off this app's notifications or the warning channel. */
    NOTIFICATIONS_DISABLED,
    ;

    /** True only for [SHOWN]. */
    public val shown: Boolean get() = this == SHOWN
}

/**
 * Posts scam warnings as notifications on their own channel ([CHANNEL_ID]).
 *
 * The notification names what was found and what to do, in the user's language (Chinese or
 * English); its lock-screen version shows neither the sender nor the content. It never contains
 * the message body or a one-time code.
 *
 * @param context any context; the application context is kept.
 * @param contentIntent what tapping the warning opens (e.g. the conversation), or null.
 * @param locale the language of the texts; null follows the device's current locale.
 */
public class ScamWarningNotifier @JvmOverloads public constructor(
    context: Context,
    private val contentIntent: PendingIntent? = null,
    private val locale: Locale? = null,
) {
    private val context: Context = context.applicationContext ?: context
    private val manager: NotificationManager =
        this.context.getSystemService(Context.NOTIFICATION_SERVICE) as NotificationManager

    /** Constants. */
    public companion object {
        /** The id of the notification channel for scam warnings. */
        public const val CHANNEL_ID: String = "org.smishguard.scam_warnings"

        /** The notification tag every warning is posted with. */
        public const val NOTIFICATION_TAG: String = "org.smishguard.warning"
    }

    private fun currentLocale(): Locale = locale ?: context.resources.configuration.locales.get(0) ?: Locale.getDefault()

    /** Creates the warning channel if it does not exist yet (idempotent; Android 8+ only, no-op before). */
    public fun ensureChannel() {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.O) return
        if (manager.getNotificationChannel(CHANNEL_ID) != null) return
        val zh = currentLocale().language == "zh"
        val channel = NotificationChannel(
            CHANNEL_ID,
            if (zh) "诈骗短信警告" else "Scam SMS warnings",
            NotificationManager.IMPORTANCE_HIGH,
        )
        channel.description = if (zh) "收到疑似诈骗短信时提醒您" else "Warns you when an SMS looks like a scam"
        channel.lockscreenVisibility = Notification.VISIBILITY_PRIVATE
        manager.createNotificationChannel(channel)
    }

    /** Whether a warning can be shown right now (permission granted, notifications and channel enabled). */
    public fun canShow(): Boolean = blockedReason() == null

    private fun blockedReason(): NotifyResult? {
        if (Build.VERSION.SDK_INT >= 33 &&
            context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED
        ) {
            return NotifyResult.PERMISSION_DENIED
        }
        if (!manager.areNotificationsEnabled()) return NotifyResult.NOTIFICATIONS_DISABLED
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.O) {
            val channel = manager.getNotificationChannel(CHANNEL_ID)
            if (channel != null && channel.importance == NotificationManager.IMPORTANCE_NONE) {
                return NotifyResult.NOTIFICATIONS_DISABLED
            }
        }
        return null
    }

    /**
     * Posts a warning about a message from [sender] if [verdict] is a warning, and says whether it
     * was shown. Never throws for a missing permission.
     *
     * @param notificationId the id to post under (with [NOTIFICATION_TAG]); by default one per sender,
     *   so a burst of messages from one scammer updates one warning.
     */
    @JvmOverloads
    public fun show(verdict: Verdict, sender: String?, notificationId: Int = (sender ?: "").hashCode()): NotifyResult {
        if (!verdict.isWarning) return NotifyResult.NOT_A_WARNING
        ensureChannel()
        blockedReason()?.let { return it }
        val words = WarningText.of(verdict, sender, currentLocale())
        val public = newBuilder()
            .setContentTitle(words.publicTitle)
            .setContentText(words.publicText)
            .build()
        val builder = newBuilder()
            .setContentTitle(words.title)
            .setContentText(words.text)
            .setStyle(Notification.BigTextStyle().bigText(words.text))
            .setVisibility(Notification.VISIBILITY_PRIVATE)
            .setPublicVersion(public)
            .setAutoCancel(true)
        contentIntent?.let { builder.setContentIntent(it) }
        return try {
            manager.notify(NOTIFICATION_TAG, notificationId, builder.build())
            NotifyResult.SHOWN
        } catch (e: SecurityException) {
            NotifyResult.PERMISSION_DENIED
        }
    }

    private fun newBuilder(): Notification.Builder {
        val b = if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.O) {
            Notification.Builder(context, CHANNEL_ID)
        } else {
            legacyBuilder()
        }
        return b.setSmallIcon(android.R.drawable.stat_sys_warning)
            .setCategory(Notification.CATEGORY_MESSAGE)
            .setShowWhen(true)
    }

    @Suppress("DEPRECATION")
    private fun legacyBuilder(): Notification.Builder =
        Notification.Builder(context).setPriority(Notification.PRIORITY_HIGH)
}
