package org.smishguard.demo

import android.Manifest
import android.app.AlertDialog
import android.app.Application
import android.app.NotificationManager
import android.content.Intent
import android.os.Looper
import android.provider.Telephony
import android.view.View
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowDialog
import org.smishguard.Level
import org.smishguard.NotifyResult
import org.smishguard.SmishGuard
import org.smishguard.testing.NativeRobolectricTestRunner
import java.io.ByteArrayOutputStream

/**
 * Warnings end to end under Robolectric: an SMS_RECEIVED broadcast reaches [DemoSmsReceiver]
 * (declared in the manifest), the real engine judges it, the warning is stored and notified,
 * tapping the notification opens its entry; the history lists, opens, deletes one and all.
 */
@RunWith(NativeRobolectricTestRunner::class)
@Config(sdk = [35])
class HistoryScreensTest {
    private lateinit var app: Application

    @Before
    fun setUp() {
        app = RuntimeEnvironment.getApplication()
        shadowOf(app).grantPermissions(Manifest.permission.POST_NOTIFICATIONS, Manifest.permission.RECEIVE_SMS)
    }

    private fun str(res: Int) = app.getString(res)

    private fun scam(at: Long, sender: String = "17085562231") =
        Warnings.raise(app, sender, SmishGuard.analyze(sender, str(R.string.sample_refund_body), at), at)

    private fun idle() = shadowOf(Looper.getMainLooper()).idle()

    @Test
    fun raisingAWarningStoresItAndItsNotificationOpensTheEntry() {
        val (entry, result) = scam(1_700_000_000_000)
        assertEquals(NotifyResult.SHOWN, result)
        assertEquals(Level.DANGEROUS, entry.level)
        assertEquals(listOf("amaz0n-refunds.top"), entry.domains)
        assertTrue(entry.topReasonEn.isNotEmpty())
        assertEquals(entry, Warnings.history(app).get(entry.id))

        val n = shadowOf(app.getSystemService(NotificationManager::class.java)).allNotifications.single()
        val pi = shadowOf(n.contentIntent)
        assertTrue(pi.isActivity)
        val intents = pi.savedIntents
        assertEquals(HistoryActivity::class.java.name, intents[0].component!!.className)
        val open = intents.last()
        assertEquals(EntryActivity::class.java.name, open.component!!.className)
        assertEquals(entry.id, open.getLongExtra(EntryActivity.EXTRA_ENTRY_ID, -1))

        // What the tap opens.
        val screen = Robolectric.buildActivity(EntryActivity::class.java, open).setup().get()
        assertEquals(entry, screen.entry)
        val all = texts(screen.column)
        assertTrue(all, all.contains(app.getString(R.string.entry_sender, "17085562231")))
        assertTrue(all, all.contains(entry.topReasonEn))
        assertTrue(all, all.contains("amaz0n-refunds.top"))
    }

    @Test
    fun eachWarningGetsItsOwnIntent() {
        val a = Warnings.openEntryIntent(app, 1)
        val b = Warnings.openEntryIntent(app, 2)
        assertFalse(a == b)
        assertEquals(2L, shadowOf(b).savedIntents.last().getLongExtra(EntryActivity.EXTRA_ENTRY_ID, -1))
    }

    @Test
    fun warningIsKeptEvenWhenNotificationsAreDenied() {
        shadowOf(app).denyPermissions(Manifest.permission.POST_NOTIFICATIONS)
        val (entry, result) = scam(5)
        assertEquals(NotifyResult.PERMISSION_DENIED, result)
        assertEquals(listOf(entry.id), Warnings.history(app).list().map { it.id })
    }

    @Test
    fun historyListsNewestFirstOpensAndDeletes() {
        val old = scam(1_000_000_000_000, "+447700900456").first
        val new = scam(1_600_000_000_000, "16512345567").first
        val controller = Robolectric.buildActivity(HistoryActivity::class.java).setup()
        val h = controller.get()
        val rows = h.rows()
        assertEquals(listOf(new.id, old.id), rows.map { it.tag })
        assertTrue(rows[0].text.toString().startsWith(str(R.string.level_dangerous) + " · 16512345567\n"))
        assertTrue(rows[0].text.toString().endsWith(new.topReasonEn))

        rows[1].performClick()
        val open = shadowOf(h).nextStartedActivity
        assertEquals(old.id, open.getLongExtra(EntryActivity.EXTRA_ENTRY_ID, -1))
        val entryScreen = Robolectric.buildActivity(EntryActivity::class.java, open).setup().get()
        entryScreen.deleteButton!!.performClick()
        assertTrue(entryScreen.isFinishing)
        assertNull(Warnings.history(app).get(old.id))

        controller.pause().resume()
        assertEquals(listOf(new.id), h.rows().map { it.tag })

        h.deleteAllButton.performClick()
        val dialog = ShadowDialog.getLatestDialog() as AlertDialog
        dialog.getButton(AlertDialog.BUTTON_POSITIVE).performClick()
        idle()
        assertTrue(Warnings.history(app).list().isEmpty())
        assertEquals(listOf(str(R.string.history_empty)), h.rows().map { it.text.toString() })
        assertEquals(View.GONE, h.deleteAllButton.visibility)
    }

    @Test
    fun cancellingDeleteAllKeepsEverything() {
        scam(1)
        val h = Robolectric.buildActivity(HistoryActivity::class.java).setup().get()
        h.deleteAllButton.performClick()
        (ShadowDialog.getLatestDialog() as AlertDialog).getButton(AlertDialog.BUTTON_NEGATIVE).performClick()
        idle()
        assertEquals(1, Warnings.history(app).list().size)
    }

    @Test
    fun deletedEntrySaysSo() {
        val e = scam(1).first
        Warnings.history(app).delete(e.id)
        val screen = Robolectric.buildActivity(EntryActivity::class.java, EntryActivity.intent(app, e.id)).setup().get()
        assertNull(screen.entry)
        assertEquals(str(R.string.entry_missing) + "\n", texts(screen.column))
    }

    @Test
    fun smsBroadcastReachesTheManifestReceiverAndIsRecorded() {
        val sender = "16512345567"
        val body = "【京东】客服通知：您的订单退款需要核实身份，请将收到的6位验证码告诉客服人员，以便为您办理退款。"
        val legit = "【淘宝】验证码 771034，您正在登录淘宝账号，5分钟内有效。请勿泄露给他人。"
        app.sendBroadcast(smsIntent("106980095188", legit))
        app.sendBroadcast(smsIntent(sender, body))
        idle()
        // The library analyses on its own background thread (in arrival order): wait for the
        // scam's record and notification; the legitimate message, sent first, is done by then.
        val nm = shadowOf(app.getSystemService(NotificationManager::class.java))
        val deadline = System.currentTimeMillis() + 60_000
        while ((Warnings.history(app).list().isEmpty() || nm.allNotifications.isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20)
        }
        idle()
        val entries = Warnings.history(app).list()
        assertEquals("only the scam is recorded", 1, entries.size)
        assertEquals(sender, entries[0].sender)
        assertEquals(Level.DANGEROUS, entries[0].level)
        val n = nm.allNotifications.single()
        assertEquals(entries[0].id, shadowOf(n.contentIntent).savedIntents.last().getLongExtra(EntryActivity.EXTRA_ENTRY_ID, -1))
        assertFalse("no message text in the history file", Warnings.history(app).file.readText().contains("验证码告诉"))
    }

    private fun texts(v: View): String = buildString {
        fun walk(x: View) {
            if (x is android.widget.TextView && x !is android.widget.Button) append(x.text).append('\n')
            if (x is android.view.ViewGroup) for (i in 0 until x.childCount) walk(x.getChildAt(i))
        }
        walk(v)
    }

    /** An SMS_RECEIVED intent with one UCS-2 SMS-DELIVER PDU (3GPP TS 23.040), as the modem hands it over. */
    private fun smsIntent(sender: String, text: String): Intent {
        require(text.length <= 70) { "one UCS-2 segment" }
        val out = ByteArrayOutputStream()
        out.write(0x00) // no SMSC
        out.write(0x04) // SMS-DELIVER
        out.write(sender.length)
        out.write(0x81) // unknown type, ISDN numbering
        val digits = if (sender.length % 2 == 1) sender + "F" else sender
        for (i in digits.indices step 2) out.write((digits[i + 1].digitToInt(16) shl 4) or digits[i].digitToInt(16))
        out.write(0x00) // PID
        out.write(0x08) // UCS-2
        out.write(byteArrayOf(0x62, 0x11, 0x03, 0x21, 0x43, 0x65, 0x23))
        val ud = text.toByteArray(Charsets.UTF_16BE)
        out.write(ud.size)
        out.write(ud)
        return Intent(Telephony.Sms.Intents.SMS_RECEIVED_ACTION)
            .putExtra("pdus", arrayOf<Any>(out.toByteArray()))
            .putExtra("format", "3gpp")
    }
}
