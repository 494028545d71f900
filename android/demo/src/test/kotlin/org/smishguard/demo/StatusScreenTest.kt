package org.smishguard.demo

import android.Manifest
import android.app.Application
import android.app.NotificationManager
import android.content.ComponentName
import android.content.pm.PackageManager
import android.provider.Settings
import android.view.View
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ActivityController
import org.robolectric.annotation.Config
import org.smishguard.testing.NativeRobolectricTestRunner

/**
 * The status screen under Robolectric (API 35): permission requests, denial, "don't ask again",
 * revocation in Settings, notifications switched off, the protection switch, both languages.
 */
@RunWith(NativeRobolectricTestRunner::class)
@Config(sdk = [35])
class StatusScreenTest {
    private lateinit var app: Application
    private lateinit var controller: ActivityController<MainActivity>
    private val activity get() = controller.get()

    @Before
    fun setUp() {
        app = RuntimeEnvironment.getApplication()
        controller = Robolectric.buildActivity(MainActivity::class.java).setup()
    }

    private fun answer(vararg results: Pair<String, Boolean>) {
        for ((p, ok) in results) if (ok) shadowOf(app).grantPermissions(p) else shadowOf(app).denyPermissions(p)
        activity.onRequestPermissionsResult(
            MainActivity.REQUEST_CODE,
            results.map { it.first }.toTypedArray(),
            results.map { if (it.second) PackageManager.PERMISSION_GRANTED else PackageManager.PERMISSION_DENIED }.toIntArray(),
        )
    }

    private fun resumeAgain() {
        controller.pause().stop().restart().start().resume()
    }

    private fun str(res: Int) = app.getString(res)

    @Test
    fun freshInstallShowsWhatIsMissingAndWhy() {
        assertEquals(str(R.string.status_needs_sms), activity.statusText.text.toString())
        assertEquals(str(R.string.state_not_asked), activity.smsState.text.toString())
        assertEquals(str(R.string.state_not_asked), activity.notificationsState.text.toString())
        assertEquals(View.VISIBLE, activity.smsButton.visibility)
        assertEquals(str(R.string.button_allow), activity.smsButton.text.toString())
        assertTrue(activity.protectionSwitch.isChecked)
        val all = allText()
        assertTrue(all, all.contains("no internet permission"))
        assertTrue(all, all.contains(str(R.string.perm_sms_why)))
        assertTrue(all, all.contains(str(R.string.perm_notif_why)))
    }

    @Test
    fun allowAsksTheSystemAndGrantingTurnsProtectionOn() {
        activity.smsButton.performClick()
        val req = shadowOf(activity).lastRequestedPermission
        assertArrayEquals(arrayOf(Manifest.permission.RECEIVE_SMS), req.requestedPermissions)
        answer(Manifest.permission.RECEIVE_SMS to true)
        assertEquals(str(R.string.status_history_only), activity.statusText.text.toString())
        assertEquals(View.GONE, activity.smsButton.visibility)

        activity.notificationsButton.performClick()
        assertArrayEquals(arrayOf(Manifest.permission.POST_NOTIFICATIONS), shadowOf(activity).lastRequestedPermission.requestedPermissions)
        answer(Manifest.permission.POST_NOTIFICATIONS to true)
        assertEquals(Protection.ON, activity.state.protection)
        assertEquals(str(R.string.status_on), activity.statusText.text.toString())
        assertEquals(str(R.string.state_granted), activity.notificationsState.text.toString())
        assertEquals(View.GONE, activity.notificationsButton.visibility)
    }

    @Test
    fun deniedOnceThenDeniedForGoodLeadsToSettings() {
        val pm = shadowOf(app.packageManager)
        activity.smsButton.performClick()
        pm.setShouldShowRequestPermissionRationale(Manifest.permission.RECEIVE_SMS, true)
        answer(Manifest.permission.RECEIVE_SMS to false)
        assertEquals(str(R.string.state_denied), activity.smsState.text.toString())
        assertEquals(str(R.string.button_allow), activity.smsButton.text.toString())

        activity.smsButton.performClick()
        pm.setShouldShowRequestPermissionRationale(Manifest.permission.RECEIVE_SMS, false)
        answer(Manifest.permission.RECEIVE_SMS to false)
        assertEquals(str(R.string.state_blocked), activity.smsState.text.toString())
        assertEquals(str(R.string.button_open_settings), activity.smsButton.text.toString())

        activity.smsButton.performClick()
        val next = shadowOf(activity).nextStartedActivity
        assertEquals(Settings.ACTION_APPLICATION_DETAILS_SETTINGS, next.action)
        assertEquals("package:" + app.packageName, next.data.toString())

        // The user allows it in Settings and comes back: the screen recovers.
        shadowOf(app).grantPermissions(Manifest.permission.RECEIVE_SMS)
        resumeAgain()
        assertEquals(str(R.string.state_granted), activity.smsState.text.toString())
    }

    @Test
    fun revokingInSettingsIsShownOnReturn() {
        shadowOf(app).grantPermissions(Manifest.permission.RECEIVE_SMS, Manifest.permission.POST_NOTIFICATIONS)
        resumeAgain()
        assertEquals(Protection.ON, activity.state.protection)
        shadowOf(app).denyPermissions(Manifest.permission.POST_NOTIFICATIONS)
        resumeAgain()
        assertEquals(Protection.HISTORY_ONLY, activity.state.protection)
        shadowOf(app).denyPermissions(Manifest.permission.RECEIVE_SMS)
        resumeAgain()
        assertEquals(str(R.string.status_needs_sms), activity.statusText.text.toString())
    }

    @Test
    fun notificationsOffInSettingsOpenTheNotificationSettings() {
        shadowOf(app).grantPermissions(Manifest.permission.RECEIVE_SMS, Manifest.permission.POST_NOTIFICATIONS)
        shadowOf(app.getSystemService(NotificationManager::class.java)).setNotificationsEnabled(false)
        resumeAgain()
        assertEquals(str(R.string.state_disabled), activity.notificationsState.text.toString())
        activity.notificationsButton.performClick()
        val next = shadowOf(activity).nextStartedActivity
        assertEquals(Settings.ACTION_APP_NOTIFICATION_SETTINGS, next.action)
        assertEquals(app.packageName, next.getStringExtra(Settings.EXTRA_APP_PACKAGE))
    }

    @Test
    fun theSwitchDisablesAndEnablesTheReceiverAndAsksWhenTurnedOn() {
        val receiver = ComponentName(app, DemoSmsReceiver::class.java)
        activity.protectionSwitch.performClick()
        assertFalse(activity.protectionSwitch.isChecked)
        assertEquals(PackageManager.COMPONENT_ENABLED_STATE_DISABLED, app.packageManager.getComponentEnabledSetting(receiver))
        assertEquals(str(R.string.status_off_by_user), activity.statusText.text.toString())

        activity.protectionSwitch.performClick()
        assertTrue(activity.protectionSwitch.isChecked)
        assertEquals(PackageManager.COMPONENT_ENABLED_STATE_ENABLED, app.packageManager.getComponentEnabledSetting(receiver))
        assertArrayEquals(
            arrayOf(Manifest.permission.RECEIVE_SMS, Manifest.permission.POST_NOTIFICATIONS),
            shadowOf(activity).lastRequestedPermission.requestedPermissions,
        )
    }

    @Test
    fun buttonsOpenTheOtherScreens() {
        val col = (activity.findViewById<View>(android.R.id.content) as android.view.ViewGroup)
        val buttons = buttonsIn(col)
        buttons.single { it.text == str(R.string.button_test) }.performClick()
        assertEquals(TestMessageActivity::class.java.name, shadowOf(activity).nextStartedActivity.component!!.className)
        buttons.single { it.text == str(R.string.button_history) }.performClick()
        assertEquals(HistoryActivity::class.java.name, shadowOf(activity).nextStartedActivity.component!!.className)
    }

    @Test
    @Config(qualifiers = "zh-rCN")
    fun chineseFollowsTheSystemLanguage() {
        assertEquals("保护未生效：请允许本应用接收短信。", activity.statusText.text.toString())
        assertTrue(allText().contains("没有联网权限"))
    }

    private fun buttonsIn(v: View): List<android.widget.Button> = when (v) {
        is android.widget.Button -> listOf(v)
        is android.view.ViewGroup -> (0 until v.childCount).flatMap { buttonsIn(v.getChildAt(it)) }
        else -> emptyList()
    }

    private fun allText(): String {
        val out = StringBuilder()
        fun walk(v: View) {
            if (v is android.widget.TextView) out.append(v.text).append('\n')
            if (v is android.view.ViewGroup) for (i in 0 until v.childCount) walk(v.getChildAt(i))
        }
        walk(activity.findViewById<View>(android.R.id.content)!!)
        return out.toString()
    }
}
