package org.smishguard.demo

import android.Manifest

/** Where one runtime permission stands, as far as the status screen is concerned. */
enum class Grant {
    /** Granted (and, for notifications, not switched off in the system settings). */
    GRANTED,

    /** This Android version does not have the permission (POST_NOTIFICATIONS before 13). */
    NOT_REQUIRED,

    /** Never asked: the system dialog will appear. */
    NOT_ASKED,

    /** Denied, but the system will still show its dialog ("should show rationale" is true). */
    DENIED,

    /** Denied and the system will not ask again: only the app's settings page can grant it. */
    BLOCKED,

    /** Notifications only: allowed, but the user switched this app's notifications off. */
    DISABLED_IN_SETTINGS,
    ;

    /** True when the permission does what the app needs. */
    val ok: Boolean get() = this == GRANTED || this == NOT_REQUIRED
}

/** What the app can do right now. */
enum class Protection {
    /** Incoming SMS are checked and warnings pop up. */
    ON,

    /** Incoming SMS are checked and warnings are recorded, but no notification can be shown. */
    HISTORY_ONLY,

    /** Receiving SMS is not allowed: nothing is checked. */
    NEEDS_SMS_PERMISSION,

    /** The user switched protection off. */
    OFF_BY_USER,
}

/** What the status screen offers for a permission that is not [Grant.ok]. */
enum class Action {
    /** Nothing to do. */
    NONE,

    /** Show the system permission dialog. */
    REQUEST,

    /** Open this app's page in the system settings. */
    OPEN_SETTINGS,
}

/**
 * The facts the permission state is computed from, gathered by [MainActivity] from the framework
 * (`checkSelfPermission`, `shouldShowRequestPermissionRationale`, `areNotificationsEnabled`) and
 * from [Prefs] (whether the app has asked before), so the logic below runs on a plain JVM.
 *
 * "Should show rationale" is false both before the first request and after "don't ask again";
 * only the remembered [smsAsked]/[notificationsAsked] tells the two apart.
 */
data class PermissionInputs(
    val sdkInt: Int,
    val protectionSwitchOn: Boolean,
    val smsGranted: Boolean,
    val smsRationale: Boolean,
    val smsAsked: Boolean,
    val notificationsGranted: Boolean,
    val notificationsRationale: Boolean,
    val notificationsAsked: Boolean,
    val notificationsEnabled: Boolean,
)

/**
 * Pure permission logic for the status screen: what each permission's state is, whether
 * protection is effectively on, and what the screen should offer. Recomputed on every
 * `onResume` and after every permission result, so a denial or a revocation in Settings is
 * reflected the next time the screen is seen.
 */
class PermissionState(val inputs: PermissionInputs) {
    /** State of RECEIVE_SMS (a runtime permission on every supported version: minSdk 24 > 23). */
    val sms: Grant = grant(inputs.smsGranted, inputs.smsRationale, inputs.smsAsked)

    /** State of POST_NOTIFICATIONS (runtime permission from Android 13, API 33). */
    val notifications: Grant = when {
        inputs.sdkInt < NOTIFICATION_PERMISSION_SDK ->
            if (inputs.notificationsEnabled) Grant.NOT_REQUIRED else Grant.DISABLED_IN_SETTINGS
        !inputs.notificationsGranted -> grant(false, inputs.notificationsRationale, inputs.notificationsAsked)
        !inputs.notificationsEnabled -> Grant.DISABLED_IN_SETTINGS
        else -> Grant.GRANTED
    }

    /** What protection amounts to with these permissions. */
    val protection: Protection = when {
        !inputs.protectionSwitchOn -> Protection.OFF_BY_USER
        !sms.ok -> Protection.NEEDS_SMS_PERMISSION
        !notifications.ok -> Protection.HISTORY_ONLY
        else -> Protection.ON
    }

    /** What to offer for RECEIVE_SMS. */
    val smsAction: Action = action(sms)

    /** What to offer for notifications. */
    val notificationsAction: Action = action(notifications)

    /**
     * The permissions to ask for in one system dialog when the user turns protection on or taps
     * "Allow": those the system will still show a dialog for, in the order they are explained.
     */
    val toRequest: List<String> = buildList {
        if (smsAction == Action.REQUEST) add(Manifest.permission.RECEIVE_SMS)
        if (notificationsAction == Action.REQUEST) add(Manifest.permission.POST_NOTIFICATIONS)
    }

    private fun grant(granted: Boolean, rationale: Boolean, asked: Boolean): Grant = when {
        granted -> Grant.GRANTED
        rationale -> Grant.DENIED
        asked -> Grant.BLOCKED
        else -> Grant.NOT_ASKED
    }

    private fun action(g: Grant): Action = when (g) {
        Grant.GRANTED, Grant.NOT_REQUIRED -> Action.NONE
        Grant.NOT_ASKED, Grant.DENIED -> Action.REQUEST
        Grant.BLOCKED, Grant.DISABLED_IN_SETTINGS -> Action.OPEN_SETTINGS
    }

    companion object {
        /** Android 13: POST_NOTIFICATIONS becomes a runtime permission. */
        const val NOTIFICATION_PERMISSION_SDK: Int = 33
    }
}
