package org.smishguard.demo

import android.app.Activity
import android.os.Bundle
import android.text.InputType
import android.widget.EditText
import android.widget.LinearLayout
import android.widget.TextView
import org.smishguard.Level
import org.smishguard.SmishGuard
import org.smishguard.Verdict

/**
 * "Test a message": type or paste a message (and optionally its sender), check it, and see the
 * level, every reason with its evidence highlighted, the links and what is wrong with them, the
 * one-time code's purpose, and the advice. Three samples fill the fields in one tap. Nothing is
 * stored and nothing is logged; the analysis is a few microseconds of native code, so it runs
 * directly on the click.
 */
class TestMessageActivity : Activity() {
    internal lateinit var senderField: EditText
    internal lateinit var bodyField: EditText
    internal lateinit var result: LinearLayout

    /** The last verdict shown, with the body it was computed for (for tests and re-rendering). */
    internal var shown: Pair<Verdict, String>? = null

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val col = scrollingColumn()
        bodyField = EditText(this).apply {
            id = R.id.body
            hint = getString(R.string.hint_body)
            inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_MULTI_LINE
            minLines = 3
        }
        col.addView(bodyField, col.wide(0))
        senderField = EditText(this).apply {
            id = R.id.sender
            hint = getString(R.string.hint_sender)
            // Text, not phone: senders may be alphanumeric (e.g. AMAZON).
            inputType = InputType.TYPE_CLASS_TEXT or InputType.TYPE_TEXT_FLAG_NO_SUGGESTIONS
            setSingleLine()
        }
        col.addView(senderField, col.wide(4))
        col.button(R.string.button_check) { check() }

        col.text(getString(R.string.samples_label), topDp = 12)
        val samples = LinearLayout(this).apply { orientation = LinearLayout.HORIZONTAL }
        col.addView(samples, col.wide(0))
        for ((label, sender, body) in SAMPLES) {
            val b = android.widget.Button(this)
            b.text = getString(label)
            b.isAllCaps = false
            b.setOnClickListener { showSample(sender, body) }
            samples.addView(b, LinearLayout.LayoutParams(0, LinearLayout.LayoutParams.WRAP_CONTENT, 1f))
        }

        result = LinearLayout(this).apply { orientation = LinearLayout.VERTICAL }
        col.addView(result, col.wide(8))
        if (savedInstanceState?.getBoolean(STATE_CHECKED) == true) {
            // The fields' text is restored after onCreate; check again once it is back.
            bodyField.post { check() }
        }
    }

    override fun onSaveInstanceState(outState: Bundle) {
        super.onSaveInstanceState(outState)
        outState.putBoolean(STATE_CHECKED, shown != null)
    }

    /** Fills the fields with a sample and checks it. */
    internal fun showSample(senderRes: Int, bodyRes: Int) {
        senderField.setText(getString(senderRes))
        bodyField.setText(getString(bodyRes))
        check()
    }

    /** Analyses the fields and shows the verdict. */
    internal fun check() {
        val body = bodyField.text.toString()
        result.removeAllViews()
        if (body.isBlank()) {
            shown = null
            result.text(getString(R.string.empty_body))
            return
        }
        val sender = senderField.text.toString().trim().ifEmpty { null }
        val verdict = SmishGuard.analyze(sender, body, System.currentTimeMillis())
        shown = verdict to body
        render(verdict, body)
    }

    private fun render(verdict: Verdict, body: String) {
        val locale = uiLocale
        result.text(getString(Presentation.levelRes(verdict.level)), sizeSp = 20f, bold = true, topDp = 8)
            .setTextColor(Presentation.levelColor(verdict.level))
        result.text(getString(R.string.score, verdict.score))
        if (verdict.truncated) result.text(getString(R.string.truncated))

        result.heading(R.string.section_message)
        result.text(Spans.highlighted(body, Presentation.highlights(verdict, body)), sizeSp = 16f)

        result.heading(R.string.section_reasons)
        if (verdict.reasons.none { it.weight > 0 }) result.text(getString(R.string.no_reasons))
        for (r in verdict.reasons) {
            val marker = when {
                r.weight < 0 -> getString(R.string.reason_reassuring)
                r.weight == 0 -> getString(R.string.reason_info)
                else -> null
            }
            result.text(Spans.reasonLine(r, r.explanation(locale), marker, body), topDp = 6)
        }

        if (verdict.links.isNotEmpty()) {
            result.heading(R.string.section_links)
            for (l in verdict.links) {
                val headline = when {
                    l.officialFor != null -> getString(R.string.link_official, l.officialFor)
                    l.imitates != null -> getString(R.string.link_imitates, l.imitates)
                    else -> getString(R.string.link_goes_to, l.domain)
                }
                val findings = l.findings.mapNotNull { Presentation.findingRes(it) }.map { getString(it) }
                val tv = result.text(
                    buildString {
                        append(l.range.textIn(body)).append('\n').append(headline)
                        for (f in findings) append("\n  – ").append(f)
                    },
                    topDp = 6,
                )
                if (!l.isOfficial) tv.setTextColor(Spans.LINK_COLOR)
            }
        }

        verdict.otp?.let { otp ->
            result.heading(R.string.section_code)
            result.text(getString(R.string.otp_purpose, getString(Presentation.purposeRes(otp.purpose))))
            otp.amount?.let { result.text(getString(R.string.otp_amount, it)) }
            if (otp.warnsNotToShare) result.text(getString(R.string.otp_warns))
        }

        result.heading(R.string.section_advice)
        for (a in Presentation.adviceRes(verdict)) result.text("• " + getString(a), topDp = 6)
    }

    /** The level of the verdict on screen, or null (for tests). */
    internal val shownLevel: Level? get() = shown?.first?.level

    /** Every text on the result panel, in order (for tests). */
    internal fun resultTexts(): List<CharSequence> =
        (0 until result.childCount).mapNotNull { (result.getChildAt(it) as? TextView)?.text }

    companion object {
        private const val STATE_CHECKED = "checked"

        /** (label, sender, body) string resources of the samples, in both languages. */
        val SAMPLES: List<Triple<Int, Int, Int>> = listOf(
            Triple(R.string.sample_refund_label, R.string.sample_refund_sender, R.string.sample_refund_body),
            Triple(R.string.sample_code_label, R.string.sample_code_sender, R.string.sample_code_body),
            Triple(R.string.sample_otp_label, R.string.sample_otp_sender, R.string.sample_otp_body),
        )
    }
}
