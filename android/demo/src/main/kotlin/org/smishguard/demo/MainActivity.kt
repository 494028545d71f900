package org.smishguard.demo

import android.Manifest
import android.app.Activity
import android.app.NotificationManager
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import android.os.Bundle
import android.provider.Settings
import android.view.View
import android.widget.Button
import android.widget.LinearLayout
import android.widget.Switch
import android.widget.TextView

/**
 * The status screen: the protection switch, what each permission is for and whether it is
 * granted, what never happens, and the way to the other screens. Its state is recomputed by
 * [PermissionState] on every resume and after every permission answer, so a denial or a
 * revocation in Settings shows up (and can be fixed) the next time the screen is seen.
 */
class MainActivity : Activity() {
    internal lateinit var protectionSwitch: Switch
    internal lateinit var statusText: TextView
    internal lateinit var smsState: TextView
    internal lateinit var smsButton: Button
    internal lateinit var notificationsSection: LinearLayout
    internal lateinit var notificationsState: TextView
    internal lateinit var notificationsButton: Button
    internal lateinit var state: PermissionState
    private lateinit var prefs: Prefs

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        prefs = Prefs(this)
        val col = scrollingColumn()
        protectionSwitch = Switch(this).apply {
            text = getString(R.string.protection_switch)
            textSize = 18f
        }
        col.addView(protectionSwitch, col.wide(0))
        statusText = col.text(sizeSp = 16f, bold = true, topDp = 12)

        col.heading(R.string.perm_sms_title)
        col.text(getString(R.string.perm_sms_why))
        smsState = col.text(bold = true)
        smsButton = col.button(R.string.button_allow) { act(state.smsAction, Manifest.permission.RECEIVE_SMS) }

        notificationsSection = LinearLayout(this).apply { orientation = LinearLayout.VERTICAL }
        col.addView(notificationsSection, col.wide(0))
        notificationsSection.heading(R.string.perm_notif_title)
        notificationsSection.text(getString(R.string.perm_notif_why))
        notificationsState = notificationsSection.text(bold = true)
        notificationsButton = notificationsSection.button(R.string.button_allow) {
            act(state.notificationsAction, Manifest.permission.POST_NOTIFICATIONS)
        }

        col.text(getString(R.string.never_happens), topDp = 16)
        col.button(R.string.button_test) { startActivity(Intent(this, TestMessageActivity::class.java)) }
        col.button(R.string.button_history) { startActivity(Intent(this, HistoryActivity::class.java)) }

        protectionSwitch.setOnCheckedChangeListener { _, on ->
            if (on == ProtectionSwitch.isOn(this)) return@setOnCheckedChangeListener
            ProtectionSwitch.set(this, on)
            refresh()
            if (on && state.toRequest.isNotEmpty()) requestPermissions(state.toRequest.toTypedArray(), REQUEST_CODE)
        }
    }

    override fun onResume() {
        super.onResume()
        refresh()
    }

    override fun onRequestPermissionsResult(requestCode: Int, permissions: Array<out String>, grantResults: IntArray) {
        super.onRequestPermissionsResult(requestCode, permissions, grantResults)
        // An interrupted request comes back empty: then nothing was answered.
        if (grantResults.isNotEmpty()) permissions.forEach { prefs.markAsked(it) }
        refresh()
    }

    /** Reads the current facts from the framework and redraws the screen. */
    internal fun refresh() {
        state = PermissionState(currentInputs())
        protectionSwitch.isChecked = ProtectionSwitch.isOn(this)
        statusText.text = getString(
            when (state.protection) {
                Protection.ON -> R.string.status_on
                Protection.HISTORY_ONLY -> R.string.status_history_only
                Protection.NEEDS_SMS_PERMISSION -> R.string.status_needs_sms
                Protection.OFF_BY_USER -> R.string.status_off_by_user
            },
        )
        statusText.setTextColor(if (state.protection == Protection.ON) 0xFF2E7D32.toInt() else 0xFFC62828.toInt())
        show(state.sms, state.smsAction, smsState, smsButton)
        show(state.notifications, state.notificationsAction, notificationsState, notificationsButton)
        notificationsSection.visibility = if (state.notifications == Grant.NOT_REQUIRED) View.GONE else View.VISIBLE
    }

    private fun show(grant: Grant, action: Action, label: TextView, button: Button) {
        label.text = getString(grantRes(grant))
        label.setTextColor(if (grant.ok) 0xFF2E7D32.toInt() else 0xFFC62828.toInt())
        button.visibility = if (action == Action.NONE) View.GONE else View.VISIBLE
        button.text = getString(if (action == Action.OPEN_SETTINGS) R.string.button_open_settings else R.string.button_allow)
    }

    private fun act(action: Action, permission: String) {
        when (action) {
            Action.NONE -> Unit
            Action.REQUEST -> requestPermissions(arrayOf(permission), REQUEST_CODE)
            Action.OPEN_SETTINGS -> startActivity(settingsIntent(permission))
        }
    }

    private fun settingsIntent(permission: String): Intent =
        if (permission == Manifest.permission.POST_NOTIFICATIONS && state.notifications == Grant.DISABLED_IN_SETTINGS &&
            Build.VERSION.SDK_INT >= Build.VERSION_CODES.O
        ) {
            Intent(Settings.ACTION_APP_NOTIFICATION_SETTINGS).putExtra(Settings.EXTRA_APP_PACKAGE, packageName)
        } else {
            appSettingsIntent(this)
        }

    private fun currentInputs(): PermissionInputs {
        val sdk = Build.VERSION.SDK_INT
        val notifPermission = Manifest.permission.POST_NOTIFICATIONS
        val hasNotifPermission = sdk >= PermissionState.NOTIFICATION_PERMISSION_SDK
        return PermissionInputs(
            sdkInt = sdk,
            protectionSwitchOn = ProtectionSwitch.isOn(this),
            smsGranted = granted(Manifest.permission.RECEIVE_SMS),
            smsRationale = shouldShowRequestPermissionRationale(Manifest.permission.RECEIVE_SMS),
            smsAsked = prefs.asked(Manifest.permission.RECEIVE_SMS),
            notificationsGranted = !hasNotifPermission || granted(notifPermission),
            notificationsRationale = hasNotifPermission && shouldShowRequestPermissionRationale(notifPermission),
            notificationsAsked = prefs.asked(notifPermission),
            notificationsEnabled = getSystemService(NotificationManager::class.java)?.areNotificationsEnabled() ?: true,
        )
    }

    private fun granted(permission: String): Boolean = checkSelfPermission(permission) == PackageManager.PERMISSION_GRANTED

    companion object {
        internal const val REQUEST_CODE = 1

        /** The status text resource for a permission state. */
        fun grantRes(grant: Grant): Int = when (grant) {
            Grant.GRANTED -> R.string.state_granted
            Grant.NOT_REQUIRED -> R.string.state_not_required
            Grant.NOT_ASKED -> R.string.state_not_asked
            Grant.DENIED -> R.string.state_denied
            Grant.BLOCKED -> R.string.state_blocked
            Grant.DISABLED_IN_SETTINGS -> R.string.state_disabled
        }
    }
}
