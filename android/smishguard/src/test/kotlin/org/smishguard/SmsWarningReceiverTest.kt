package org.smishguard

import android.Manifest
import android.app.Application
import android.app.Notification
import android.app.NotificationManager
import android.content.Context
import android.content.Intent
import android.content.IntentFilter
import android.os.Looper
import android.provider.Telephony
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.smishguard.testing.NativeRobolectricTestRunner
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/**
 * End to end: real SMS_RECEIVED / SMS_DELIVER intents carrying GSM 7-bit and UCS-2 PDUs are
 * broadcast to a registered [SmsWarningReceiver]; the framework parses the PDUs, the receiver
 * analyses them on its background thread through JNI and the Rust core, and the posted
 * notification is inspected.
 */
@RunWith(NativeRobolectricTestRunner::class)
@Config(sdk = [35])
class SmsWarningReceiverTest {
    private lateinit var app: Application
    private lateinit var nm: NotificationManager
    private val background = Executors.newSingleThreadExecutor()
    private var receiver: SmsWarningReceiver? = null

    @Before
    fun setUp() {
        app = RuntimeEnvironment.getApplication()
        nm = app.getSystemService(NotificationManager::class.java)!!
        shadowOf(app).grantPermissions(Manifest.permission.POST_NOTIFICATIONS)
        SmsWarningReceiver.executor = background
    }

    @After
    fun tearDown() {
        receiver?.let { app.unregisterReceiver(it) }
        background.shutdownNow()
    }

    private fun smsIntent(action: String, pdus: List<ByteArray>): Intent =
        Intent(action).putExtra("pdus", pdus.toTypedArray<Any>()).putExtra("format", "3gpp")

    /** Broadcasts like the telephony stack does, then waits for the receiver's background work. */
    private fun deliver(intent: Intent) {
        if (receiver == null) {
            receiver = SmsWarningReceiver()
            val filter = IntentFilter(Telephony.Sms.Intents.SMS_RECEIVED_ACTION)
            filter.addAction(Telephony.Sms.Intents.SMS_DELIVER_ACTION)
            app.registerReceiver(receiver, filter, Context.RECEIVER_EXPORTED)
        }
        app.sendBroadcast(intent)
        shadowOf(Looper.getMainLooper()).idle()
        // The receiver's work was queued before this no-op: when it has run, the work is done.
        background.submit {}.get(60, TimeUnit.SECONDS)
        shadowOf(Looper.getMainLooper()).idle()
    }

    private fun posted(): List<Notification> = shadowOf(nm).allNotifications

    private fun Notification.title(): String = extras.getCharSequence(Notification.EXTRA_TITLE).toString()

    private fun Notification.text(): String = extras.getCharSequence(Notification.EXTRA_TEXT).toString()

    /** The title the warning must carry for this message (the rule packs decide the level). */
    private fun expectedTitle(sender: String, body: String, zh: Boolean): String {
        val level = SmishGuard.analyze(sender, body, 0).level
        assertTrue("a scam sample must be flagged", level.isWarning)
        return when {
            zh && level == Level.DANGEROUS -> "诈骗短信警告"
            zh -> "可疑短信提醒"
            level == Level.DANGEROUS -> "Scam SMS warning"
            else -> "Suspicious SMS"
        }
    }

    @Test
    fun gsm7ScamPostsAnEnglishWarningOnTheOwnChannel() {
        val body = Samples.EN_PARCEL_SCAM.replace("£", "GBP ")
        val pdus = Pdus.deliver(Samples.EN_PARCEL_SENDER, body)
        assertEquals("fits one GSM 7-bit segment", 1, pdus.size)
        deliver(smsIntent(Telephony.Sms.Intents.SMS_RECEIVED_ACTION, pdus))

        val n = posted().single()
        assertEquals(ScamWarningNotifier.CHANNEL_ID, n.channelId)
        assertEquals(expectedTitle(Samples.EN_PARCEL_SENDER, body, zh = false), n.title())
        val text = n.text()
        assertTrue(text, text.contains("+447700900456"))
        assertTrue(text, text.contains("royalmail-parcelhold.info"))
        assertTrue(text, text.contains("96110"))
        assertFalse("no message body in the warning", text.contains("Pay now to avoid return"))
        // Lock screen: nothing of the message.
        assertEquals(Notification.VISIBILITY_PRIVATE, n.visibility)
        val public = n.publicVersion
        assertEquals("SMS safety warning", public.title())
        assertFalse(public.text().contains("447700900456"))
        val channel = nm.getNotificationChannel(ScamWarningNotifier.CHANNEL_ID)
        assertEquals(NotificationManager.IMPORTANCE_HIGH, channel.importance)
    }

    @Test
    @Config(qualifiers = "zh-rCN")
    fun multiPartUcs2ScamIsJoinedAndWarnedInChinese() {
        val body = Samples.ZH_REFUND_SCAM + " 🎁"
        val pdus = Pdus.deliver(Samples.ZH_REFUND_SENDER, body, ucs2 = true)
        assertEquals("two UCS-2 segments", 2, pdus.size)
        deliver(smsIntent(Telephony.Sms.Intents.SMS_RECEIVED_ACTION, pdus))

        val n = posted().single()
        assertEquals(ScamWarningNotifier.CHANNEL_ID, n.channelId)
        assertEquals(expectedTitle(Samples.ZH_REFUND_SENDER, body, zh = true), n.title())
        val text = n.text()
        // The link is in the second half of the message: found only if the parts were joined.
        assertTrue(text, text.contains("tb-tuikuan.top"))
        assertTrue(text, text.contains("110") && text.contains("96110"))
        assertTrue(text, text.contains("不会通过短信链接"))
        assertFalse(text.contains("羽绒服"))
        assertEquals("短信安全提醒", n.publicVersion.title())
    }

    @Test
    fun multiPartGsm7ScamIsJoined() {
        val body = "URGENT from the USPS support team: " + "your parcel is on hold at the depot. ".repeat(4) +
            "The package cannot be delivered due to incomplete address. Update here within 12 hours: http://usps.com-redelivery.xyz/track"
        val pdus = Pdus.deliver("+15550100", body)
        assertTrue(pdus.size >= 2)
        deliver(smsIntent(Telephony.Sms.Intents.SMS_RECEIVED_ACTION, pdus))
        val n = posted().single()
        assertTrue(n.text(), n.text().contains("com-redelivery.xyz"))
    }

    @Test
    fun legitimateMessagesPostNothing() {
        deliver(smsIntent(Telephony.Sms.Intents.SMS_RECEIVED_ACTION, Pdus.deliver("13612348890", Samples.ZH_LEGIT_CHAT)))
        deliver(smsIntent(Telephony.Sms.Intents.SMS_RECEIVED_ACTION, Pdus.deliver(Samples.ZH_OTP_SENDER, Samples.ZH_LEGIT_OTP)))
        deliver(smsIntent(Telephony.Sms.Intents.SMS_RECEIVED_ACTION, Pdus.deliver("+15550123", Samples.EN_LEGIT_CHAT)))
        assertTrue(posted().isEmpty())
    }

    @Test
    fun smsDeliverIsHandledToo() {
        deliver(smsIntent(Telephony.Sms.Intents.SMS_DELIVER_ACTION, Pdus.deliver("13800138000", Samples.EN_HI_MUM_SCAM.replace("£", "GBP "))))
        assertEquals(1, posted().size)
    }

    @Test
    fun withoutPostNotificationsNothingIsPostedAndNothingCrashes() {
        shadowOf(app).denyPermissions(Manifest.permission.POST_NOTIFICATIONS)
        deliver(smsIntent(Telephony.Sms.Intents.SMS_RECEIVED_ACTION, Pdus.deliver(Samples.EN_PARCEL_SENDER, Samples.EN_PARCEL_SCAM.replace("£", "GBP "))))
        assertTrue(posted().isEmpty())
        val verdict = SmishGuard.analyze(Samples.EN_PARCEL_SENDER, Samples.EN_PARCEL_SCAM, 0)
        assertEquals(NotifyResult.PERMISSION_DENIED, ScamWarningNotifier(app).show(verdict, Samples.EN_PARCEL_SENDER))
    }

    @Test
    fun notifierChannelIsIdempotentAndSafeVerdictsAreNotShown() {
        val notifier = ScamWarningNotifier(app)
        notifier.ensureChannel()
        notifier.ensureChannel()
        assertEquals(1, nm.notificationChannels.count { it.id == ScamWarningNotifier.CHANNEL_ID })
        val safe = SmishGuard.analyze(null, Samples.EN_LEGIT_CHAT, 0)
        assertEquals(NotifyResult.NOT_A_WARNING, notifier.show(safe, null))
        assertTrue(notifier.canShow())
        assertTrue(posted().isEmpty())
    }

    @Test
    fun otpCodeNeverAppearsInTheWarning() {
        val verdict = SmishGuard.analyze("13800138000", "您的验证码是 482913，请立即告诉客服人员以便办理退款，点击 tb-refund.cc 领取", 0)
        assertEquals(Level.DANGEROUS, verdict.level)
        assertEquals(NotifyResult.SHOWN, ScamWarningNotifier(app).show(verdict, "13800138000"))
        val n = posted().single()
        assertFalse(n.text().contains("482913"))
        assertFalse(n.publicVersion.text().contains("482913"))
    }

    @Test
    fun otherActionsAreIgnored() {
        val intent = smsIntent("com.example.NOT_SMS", Pdus.deliver(Samples.EN_PARCEL_SENDER, "Pay now: royalmail-parcelhold.info/uk"))
        SmsWarningReceiver().onReceive(app, intent)
        background.submit {}.get(60, TimeUnit.SECONDS)
        assertTrue(posted().isEmpty())
    }
}
