package org.smishguard.demo

import android.app.Activity
import android.app.AlertDialog
import android.content.Context
import android.os.Bundle
import android.text.SpannableStringBuilder
import android.text.Spanned
import android.text.style.ForegroundColorSpan
import android.text.style.StyleSpan
import android.view.View
import android.widget.Button
import android.widget.LinearLayout
import android.widget.TextView
import java.text.DateFormat
import java.util.Date

/**
 * The warning history, newest first: time, sender, level and top reason of every warning raised.
 * Tapping an entry opens it ([EntryActivity], where it can be deleted); "Delete all" asks first.
 * Reloaded on every resume, so entries added by the receiver or deleted elsewhere show up.
 */
class HistoryActivity : Activity() {
    internal lateinit var list: LinearLayout
    internal lateinit var deleteAllButton: Button

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val col = scrollingColumn()
        col.text(getString(R.string.history_note))
        deleteAllButton = col.button(R.string.delete_all) { confirmDeleteAll() }
        list = LinearLayout(this).apply { orientation = LinearLayout.VERTICAL }
        col.addView(list, col.wide(8))
    }

    override fun onResume() {
        super.onResume()
        reload()
    }

    /** Rebuilds the list from the store. */
    internal fun reload() {
        list.removeAllViews()
        val entries = Warnings.history(this).list()
        deleteAllButton.visibility = if (entries.isEmpty()) View.GONE else View.VISIBLE
        if (entries.isEmpty()) {
            list.text(getString(R.string.history_empty))
            return
        }
        for (e in entries) {
            val row = list.text(row(this, e), topDp = 12)
            row.setPadding(0, dp(6), 0, dp(6))
            val pressed = android.util.TypedValue()
            if (theme.resolveAttribute(android.R.attr.selectableItemBackground, pressed, true)) row.setBackgroundResource(pressed.resourceId)
            row.tag = e.id
            row.setOnClickListener { startActivity(EntryActivity.intent(this, e.id)) }
        }
    }

    private fun confirmDeleteAll() {
        AlertDialog.Builder(this)
            .setMessage(R.string.delete_all_confirm)
            .setPositiveButton(R.string.delete_all) { _, _ ->
                Warnings.history(this).deleteAll()
                reload()
            }
            .setNegativeButton(R.string.cancel, null)
            .show()
    }

    /** The rows currently listed (for tests). */
    internal fun rows(): List<TextView> = (0 until list.childCount).mapNotNull { list.getChildAt(it) as? TextView }

    companion object {
        /** One list row: "level · sender" in the level's colour, then the time and the top reason. */
        fun row(context: Context, e: HistoryEntry): CharSequence {
            val b = SpannableStringBuilder()
            b.append(context.getString(Presentation.levelRes(e.level)))
            b.setSpan(ForegroundColorSpan(Presentation.levelColor(e.level)), 0, b.length, Spanned.SPAN_EXCLUSIVE_EXCLUSIVE)
            b.setSpan(StyleSpan(android.graphics.Typeface.BOLD), 0, b.length, Spanned.SPAN_EXCLUSIVE_EXCLUSIVE)
            b.append(" · ").append(e.sender ?: context.getString(R.string.unknown_sender))
            b.append('\n').append(formatTime(context, e.receivedAtMillis))
            val reason = e.topReason(context.uiLocale)
            if (reason.isNotEmpty()) b.append('\n').append(reason)
            return b
        }

        /** [millis] as a date and time in the user's language. */
        fun formatTime(context: Context, millis: Long): String =
            DateFormat.getDateTimeInstance(DateFormat.MEDIUM, DateFormat.SHORT, context.uiLocale).format(Date(millis))
    }
}
