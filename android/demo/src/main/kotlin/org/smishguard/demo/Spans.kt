package org.smishguard.demo

import android.graphics.Typeface
import android.text.SpannableString
import android.text.SpannableStringBuilder
import android.text.Spanned
import android.text.style.BackgroundColorSpan
import android.text.style.ForegroundColorSpan
import android.text.style.StyleSpan
import android.text.style.UnderlineSpan
import org.smishguard.Reason

/** Turns [Highlight]s into framework spans; the ranges are used exactly as given (UTF-16). */
object Spans {
    /** Light red behind evidence of a warning. */
    const val WARNING_BACKGROUND: Int = 0xFFFFCDD2.toInt()

    /** Light green behind reassuring evidence. */
    const val REASSURING_BACKGROUND: Int = 0xFFC8E6C9.toInt()

    /** Red text for suspicious links. */
    const val LINK_COLOR: Int = 0xFFC62828.toInt()

    /** Yellow behind a one-time code. */
    const val CODE_BACKGROUND: Int = 0xFFFFF59D.toInt()

    /** [body] with every highlight applied. */
    fun highlighted(body: String, highlights: List<Highlight>): SpannableString {
        val s = SpannableString(body)
        for (h in highlights) for (span in spansFor(h.kind)) s.setSpan(span, h.start, h.end, Spanned.SPAN_EXCLUSIVE_EXCLUSIVE)
        return s
    }

    /**
     * One reason as a line: its explanation, a marker for reassuring or informational reasons,
     * and the evidence it points at in [body], highlighted, on a second line.
     */
    fun reasonLine(reason: Reason, explanation: String, marker: String?, body: String): CharSequence {
        val b = SpannableStringBuilder()
        b.append("• ").append(explanation)
        if (marker != null) b.append(' ').append(marker)
        val evidence = Presentation.evidenceOf(reason, body) ?: return b
        b.append("\n    “")
        val start = b.length
        b.append(evidence)
        val kind = if (reason.weight < 0) HighlightKind.REASSURING else HighlightKind.WARNING
        for (span in spansFor(kind)) b.setSpan(span, start, b.length, Spanned.SPAN_EXCLUSIVE_EXCLUSIVE)
        b.append('”')
        return b
    }

    private fun spansFor(kind: HighlightKind): List<Any> = when (kind) {
        HighlightKind.WARNING -> listOf(BackgroundColorSpan(WARNING_BACKGROUND))
        HighlightKind.REASSURING -> listOf(BackgroundColorSpan(REASSURING_BACKGROUND))
        HighlightKind.LINK -> listOf(ForegroundColorSpan(LINK_COLOR), UnderlineSpan())
        HighlightKind.CODE -> listOf(BackgroundColorSpan(CODE_BACKGROUND), StyleSpan(Typeface.BOLD))
    }
}
