package org.smishguard.demo

import org.smishguard.Level
import org.smishguard.Verdict
import java.io.File
import java.io.FileOutputStream
import java.io.IOException
import java.util.Locale

/**
 * One warning that was raised for an incoming SMS. The message text is deliberately not kept:
 * the history says who, when, how bad and why, which is what a person needs to recognise the
 * message in their SMS app, and nothing that would be harmful if the phone were shared.
 *
 * @property id unique, increasing; what a warning notification's intent carries.
 * @property receivedAtMillis when the SMS arrived (epoch milliseconds).
 * @property sender the originating address, or null if the network gave none.
 * @property level [Level.SUSPICIOUS] or [Level.DANGEROUS].
 * @property score 0–100.
 * @property topReasonId the rule id of the strongest reason, or "" if none had a positive weight.
 * @property topReasonZh that reason's explanation in Chinese.
 * @property topReasonEn that reason's explanation in English.
 * @property domains the registrable domains of the links in the message.
 */
data class HistoryEntry(
    val id: Long,
    val receivedAtMillis: Long,
    val sender: String?,
    val level: Level,
    val score: Int,
    val topReasonId: String,
    val topReasonZh: String,
    val topReasonEn: String,
    val domains: List<String>,
) {
    /** The top reason in Chinese if [locale] is Chinese, otherwise in English. */
    fun topReason(locale: Locale): String = if (locale.language == "zh") topReasonZh else topReasonEn

    companion object {
        /** The entry for [verdict] (an id is assigned by [HistoryStore.add]). */
        fun of(verdict: Verdict, sender: String?, receivedAtMillis: Long): HistoryEntry {
            val top = verdict.reasons.firstOrNull { it.weight > 0 }
            return HistoryEntry(
                id = 0,
                receivedAtMillis = receivedAtMillis,
                sender = sender,
                level = verdict.level,
                score = verdict.score,
                topReasonId = top?.ruleId ?: "",
                topReasonZh = top?.explanationZh ?: "",
                topReasonEn = top?.explanationEn ?: "",
                domains = verdict.links.map { it.domain }.filter { it.isNotEmpty() }.distinct(),
            )
        }
    }
}

/**
 * The warning history: a small private file (`filesDir/history.tsv`), one entry a line.
 *
 * Why a file and not SQLite: the history is at most [MAX_ENTRIES] short rows read as a whole, so
 * a database buys nothing but a schema; a plain file keeps the store testable on a plain JVM
 * (Robolectric's SQLite needs a native library), and its format is easy to inspect.
 *
 * Format: a header line `smishguard-history<TAB>1<TAB>last id given out`, then one line per entry with tab-separated
 * fields (id, received-at, sender or `-` for none, level, score, top reason id, zh, en, domains
 * joined by spaces); `\`, tab, CR and LF inside a field are escaped as `\\`, `\t`, `\r`, `\n`,
 * and a sender that is exactly `-` is written `\-`. Adding appends one line (a crash can at
 * worst leave a torn last line, which reading skips); deleting writes a new file and renames it
 * over the old one (atomic on the same file system), so a crash never leaves half a history.
 *
 * Thread-safe within a process: the receiver's background thread and the UI share one lock per
 * file. Android apps run in one process unless they ask for more, which this one does not.
 */
class HistoryStore(val file: File) {
    private val lock: Any = synchronized(LOCKS) { LOCKS.getOrPut(file.absolutePath) { Any() } }

    /** Stores [entry] with a new id and returns the stored entry. Drops the oldest beyond [MAX_ENTRIES]. */
    fun add(entry: HistoryEntry): HistoryEntry = synchronized(lock) {
        val (existing, lastId) = read()
        val stored = entry.copy(id = lastId + 1)
        if (existing.size >= MAX_ENTRIES || !file.exists() || !endsWithNewline()) {
            // Rewrite: trims old entries, creates the header, or repairs a torn last line.
            rewrite((existing + stored).sortedBy { it.id }.takeLast(MAX_ENTRIES), stored.id)
        } else {
            FileOutputStream(file, true).use { out ->
                out.write((encode(stored) + "\n").toByteArray(Charsets.UTF_8))
                out.fd.sync()
            }
        }
        stored
    }

    /** Every entry, newest first (by arrival time, then by id). */
    fun list(): List<HistoryEntry> = synchronized(lock) {
        readAll().sortedWith(compareByDescending<HistoryEntry> { it.receivedAtMillis }.thenByDescending { it.id })
    }

    /** The entry with [id], or null if there is none (e.g. deleted). */
    fun get(id: Long): HistoryEntry? = synchronized(lock) { readAll().firstOrNull { it.id == id } }

    /** Deletes the entry with [id]; returns whether there was one. */
    fun delete(id: Long): Boolean = synchronized(lock) {
        val (all, lastId) = read()
        val kept = all.filter { it.id != id }
        if (kept.size == all.size) return false
        rewrite(kept, lastId)
        true
    }

    /** Deletes every entry. */
    fun deleteAll(): Unit = synchronized(lock) {
        rewrite(emptyList(), read().second)
    }

    private fun endsWithNewline(): Boolean {
        val len = file.length()
        if (len == 0L) return false
        java.io.RandomAccessFile(file, "r").use { raf ->
            raf.seek(len - 1)
            return raf.read() == '\n'.code
        }
    }

    private fun readAll(): List<HistoryEntry> = read().first

    /** The entries and the highest id ever given out (so ids are never reused after deletes). */
    private fun read(): Pair<List<HistoryEntry>, Long> {
        if (!file.exists()) return emptyList<HistoryEntry>() to 0L
        val lines = try {
            file.readText(Charsets.UTF_8).split('\n')
        } catch (e: IOException) {
            return emptyList<HistoryEntry>() to 0L
        }
        val header = lines[0].split('\t')
        if (header.size < 2 || header[0] + "\t" + header[1] != HEADER) return emptyList<HistoryEntry>() to 0L
        val entries = lines.drop(1).mapNotNull { decode(it) }
        val lastId = maxOf(header.getOrNull(2)?.toLongOrNull() ?: 0L, entries.maxOfOrNull { it.id } ?: 0L)
        return entries to lastId
    }

    private fun rewrite(entries: List<HistoryEntry>, lastId: Long) {
        file.parentFile?.mkdirs()
        val tmp = File(file.path + ".tmp")
        FileOutputStream(tmp).use { out ->
            val text = buildString {
                append(HEADER).append('\t').append(lastId).append('\n')
                for (e in entries) append(encode(e)).append('\n')
            }
            out.write(text.toByteArray(Charsets.UTF_8))
            out.fd.sync()
        }
        if (!tmp.renameTo(file)) {
            tmp.delete()
            throw IOException("could not replace ${file.name}")
        }
    }

    companion object {
        /** The most entries kept; older ones are dropped. */
        const val MAX_ENTRIES: Int = 500

        /** How every history file starts (format version 1); the header line goes on with the last id given out. */
        const val HEADER: String = "smishguard-history\t1"

        private const val NO_SENDER = "-"
        private val LOCKS = HashMap<String, Any>()

        /** Encodes one entry as a line without its newline. */
        fun encode(e: HistoryEntry): String = listOf(
            e.id.toString(),
            e.receivedAtMillis.toString(),
            if (e.sender == null) NO_SENDER else if (e.sender == NO_SENDER) "\\-" else escape(e.sender),
            e.level.name,
            e.score.toString(),
            escape(e.topReasonId),
            escape(e.topReasonZh),
            escape(e.topReasonEn),
            escape(e.domains.joinToString(" ")),
        ).joinToString("\t")

        /** Decodes one line, or null for a line that is not a complete entry (torn, blank, unknown). */
        fun decode(line: String): HistoryEntry? {
            val f = line.split('\t')
            if (f.size != 9) return null
            val id = f[0].toLongOrNull() ?: return null
            val at = f[1].toLongOrNull() ?: return null
            val level = Level.entries.firstOrNull { it.name == f[3] } ?: return null
            val score = f[4].toIntOrNull() ?: return null
            val sender = if (f[2] == NO_SENDER) null else unescape(f[2]) ?: return null
            val domains = unescape(f[8]) ?: return null
            return HistoryEntry(
                id = id,
                receivedAtMillis = at,
                sender = sender,
                level = level,
                score = score,
                topReasonId = unescape(f[5]) ?: return null,
                topReasonZh = unescape(f[6]) ?: return null,
                topReasonEn = unescape(f[7]) ?: return null,
                domains = if (domains.isEmpty()) emptyList() else domains.split(' '),
            )
        }

        internal fun escape(s: String): String {
            val b = StringBuilder(s.length)
            for (c in s) {
                when (c) {
                    '\\' -> b.append("\\\\")
                    '\t' -> b.append("\\t")
                    '\n' -> b.append("\\n")
                    '\r' -> b.append("\\r")
                    else -> b.append(c)
                }
            }
            return b.toString()
        }

        /** The inverse of [escape] (also turns `\-` into `-`); null for a malformed escape. */
        internal fun unescape(s: String): String? {
            if (s.indexOf('\\') < 0) return s
            val b = StringBuilder(s.length)
            var i = 0
            while (i < s.length) {
                val c = s[i]
                if (c != '\\') {
                    b.append(c)
                    i++
                    continue
                }
                if (i + 1 >= s.length) return null
                when (s[i + 1]) {
                    '\\' -> b.append('\\')
                    't' -> b.append('\t')
                    'n' -> b.append('\n')
                    'r' -> b.append('\r')
                    '-' -> b.append('-')
                    else -> return null
                }
                i += 2
            }
            return b.toString()
        }
    }
}
