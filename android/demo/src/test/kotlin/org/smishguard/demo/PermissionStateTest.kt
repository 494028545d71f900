package org.smishguard.demo

import android.Manifest
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

/** The status screen's permission logic, on a plain JVM: every state a user can reach. */
class PermissionStateTest {
    private val fresh = PermissionInputs(
        sdkInt = 35,
        protectionSwitchOn = true,
        smsGranted = false,
        smsRationale = false,
        smsAsked = false,
        notificationsGranted = false,
        notificationsRationale = false,
        notificationsAsked = false,
        notificationsEnabled = true,
    )
    private val allGranted = fresh.copy(smsGranted = true, notificationsGranted = true)

    @Test
    fun freshInstallOnAndroid15AsksForBoth() {
        val s = PermissionState(fresh)
        assertEquals(Grant.NOT_ASKED, s.sms)
        assertEquals(Grant.NOT_ASKED, s.notifications)
        assertEquals(Protection.NEEDS_SMS_PERMISSION, s.protection)
        assertEquals(Action.REQUEST, s.smsAction)
        assertEquals(listOf(Manifest.permission.RECEIVE_SMS, Manifest.permission.POST_NOTIFICATIONS), s.toRequest)
    }

    @Test
    fun everythingGrantedMeansOn() {
        val s = PermissionState(allGranted)
        assertEquals(Grant.GRANTED, s.sms)
        assertEquals(Grant.GRANTED, s.notifications)
        assertEquals(Protection.ON, s.protection)
        assertEquals(Action.NONE, s.smsAction)
        assertEquals(Action.NONE, s.notificationsAction)
        assertTrue(s.toRequest.isEmpty())
    }

    @Test
    fun beforeAndroid13NotificationsNeedNoPermission() {
        for (sdk in listOf(24, 29, 32)) {
            val s = PermissionState(fresh.copy(sdkInt = sdk, smsGranted = true, notificationsGranted = false))
            assertEquals("sdk $sdk", Grant.NOT_REQUIRED, s.notifications)
            assertEquals("sdk $sdk", Protection.ON, s.protection)
            assertTrue("sdk $sdk", s.toRequest.isEmpty())
        }
        val onlySms = PermissionState(fresh.copy(sdkInt = 32))
        assertEquals(listOf(Manifest.permission.RECEIVE_SMS), onlySms.toRequest)
    }

    @Test
    fun android13IsWhereTheNotificationPermissionStarts() {
        assertEquals(Grant.NOT_ASKED, PermissionState(fresh.copy(sdkInt = 33)).notifications)
        assertEquals(Grant.NOT_REQUIRED, PermissionState(fresh.copy(sdkInt = 32)).notifications)
    }

    @Test
    fun deniedOnceCanBeAskedAgain() {
        val s = PermissionState(fresh.copy(smsAsked = true, smsRationale = true))
        assertEquals(Grant.DENIED, s.sms)
        assertEquals(Action.REQUEST, s.smsAction)
        assertEquals(Protection.NEEDS_SMS_PERMISSION, s.protection)
    }

    @Test
    fun deniedForGoodSendsToSettings() {
        // "Don't ask again" (or a second denial on 11+): no rationale, but we asked before.
        val s = PermissionState(fresh.copy(smsAsked = true, notificationsAsked = true))
        assertEquals(Grant.BLOCKED, s.sms)
        assertEquals(Grant.BLOCKED, s.notifications)
        assertEquals(Action.OPEN_SETTINGS, s.smsAction)
        assertEquals(Action.OPEN_SETTINGS, s.notificationsAction)
        assertTrue("the dialog would not appear", s.toRequest.isEmpty())
    }

    @Test
    fun smsWithoutNotificationsStillRecordsHistory() {
        val s = PermissionState(fresh.copy(smsGranted = true, notificationsAsked = true, notificationsRationale = true))
        assertEquals(Protection.HISTORY_ONLY, s.protection)
        assertEquals(Grant.DENIED, s.notifications)
        assertEquals(listOf(Manifest.permission.POST_NOTIFICATIONS), s.toRequest)
    }

    @Test
    fun notificationsSwitchedOffInSettingsAreNotOk() {
        val on35 = PermissionState(allGranted.copy(notificationsEnabled = false))
        assertEquals(Grant.DISABLED_IN_SETTINGS, on35.notifications)
        assertEquals(Action.OPEN_SETTINGS, on35.notificationsAction)
        assertEquals(Protection.HISTORY_ONLY, on35.protection)
        val on26 = PermissionState(allGranted.copy(sdkInt = 26, notificationsEnabled = false))
        assertEquals(Grant.DISABLED_IN_SETTINGS, on26.notifications)
    }

    @Test
    fun revokedInSettingsIsSeenOnTheNextRefresh() {
        assertEquals(Protection.ON, PermissionState(allGranted.copy(smsAsked = true)).protection)
        // The user revoked RECEIVE_SMS in Settings: granted is false again, no rationale after a revoke.
        val revoked = PermissionState(allGranted.copy(smsAsked = true, smsGranted = false))
        assertEquals(Protection.NEEDS_SMS_PERMISSION, revoked.protection)
        assertEquals(Action.OPEN_SETTINGS, revoked.smsAction)
    }

    @Test
    fun switchOffWinsOverPermissions() {
        assertEquals(Protection.OFF_BY_USER, PermissionState(allGranted.copy(protectionSwitchOn = false)).protection)
        assertEquals(Protection.OFF_BY_USER, PermissionState(fresh.copy(protectionSwitchOn = false)).protection)
    }
}
