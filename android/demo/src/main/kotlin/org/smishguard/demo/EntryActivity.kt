package org.smishguard.demo

import android.app.Activity
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Bundle
import android.widget.Button
import android.widget.LinearLayout

/**
 * One warning from the history (what a warning notification opens): level, time, sender, main
 * reason and link domains, with "Delete". A deleted or unknown id shows that it is gone.
 */
class EntryActivity : Activity() {
    internal lateinit var column: LinearLayout
    internal var deleteButton: Button? = null

    /** The entry on screen, or null if it no longer exists. */
    internal var entry: HistoryEntry? = null

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        column = scrollingColumn()
    }

    override fun onResume() {
        super.onResume()
        render()
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        setIntent(intent)
        render()
    }

    private fun render() {
        column.removeAllViews()
        deleteButton = null
        val id = intent.getLongExtra(EXTRA_ENTRY_ID, -1)
        val store = Warnings.history(this)
        val e = if (id > 0) store.get(id) else null
        entry = e
        if (e == null) {
            column.text(getString(R.string.entry_missing))
            return
        }
        column.text(getString(R.string.entry_level, getString(Presentation.levelRes(e.level)), e.score), sizeSp = 20f, bold = true)
            .setTextColor(Presentation.levelColor(e.level))
        column.text(getString(R.string.entry_time, HistoryActivity.formatTime(this, e.receivedAtMillis)), topDp = 12)
        column.text(getString(R.string.entry_sender, e.sender ?: getString(R.string.unknown_sender)))
        val reason = e.topReason(uiLocale)
        if (reason.isNotEmpty()) column.text(getString(R.string.entry_reason, reason), topDp = 12)
        if (e.domains.isNotEmpty()) column.text(getString(R.string.entry_links, e.domains.joinToString(", ")), topDp = 12)
        column.text(getString(R.string.history_note), topDp = 16)
        deleteButton = column.button(R.string.delete) {
            store.delete(e.id)
            finish()
        }
    }

    companion object {
        /** The history entry id to show (a Long). */
        const val EXTRA_ENTRY_ID: String = "org.smishguard.demo.ENTRY_ID"

        /** An intent that shows entry [id]; its data URI makes intents for different entries distinct. */
        fun intent(context: Context, id: Long): Intent =
            Intent(context, EntryActivity::class.java)
                .setData(Uri.parse("smishguard-demo://history/$id"))
                .putExtra(EXTRA_ENTRY_ID, id)
    }
}
