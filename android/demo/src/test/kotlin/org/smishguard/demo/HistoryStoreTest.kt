package org.smishguard.demo

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.smishguard.Level
import java.io.File
import java.util.Locale
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** The warning history file, on a plain JVM. */
class HistoryStoreTest {
    @get:Rule
    val tmp = TemporaryFolder()

    private fun store() = HistoryStore(File(tmp.root, "history.tsv"))

    private fun entry(at: Long, sender: String? = "17085562231", level: Level = Level.DANGEROUS) = HistoryEntry(
        id = 0,
        receivedAtMillis = at,
        sender = sender,
        level = level,
        score = 90,
        topReasonId = "link.brand_lookalike",
        topReasonZh = "链接冒充淘宝",
        topReasonEn = "The link imitates Taobao",
        domains = listOf("tb-tuikuan.top"),
    )

    @Test
    fun emptyWhenNothingStored() {
        assertTrue(store().list().isEmpty())
        assertNull(store().get(1))
        assertFalse(store().delete(1))
    }

    @Test
    fun addAssignsIncreasingIdsAndListsNewestFirst() {
        val s = store()
        val a = s.add(entry(1_000))
        val b = s.add(entry(3_000))
        val c = s.add(entry(2_000))
        assertEquals(listOf(1L, 2L, 3L), listOf(a.id, b.id, c.id))
        assertEquals(listOf(b.id, c.id, a.id), s.list().map { it.id })
        assertEquals(c, s.get(c.id))
        // A second store on the same file (e.g. after the app restarts) reads the same.
        assertEquals(s.list(), store().list())
    }

    @Test
    fun sameTimeNewerIdFirst() {
        val s = store()
        val a = s.add(entry(5_000))
        val b = s.add(entry(5_000))
        assertEquals(listOf(b.id, a.id), s.list().map { it.id })
    }

    @Test
    fun deleteOneAndDeleteAll() {
        val s = store()
        val a = s.add(entry(1))
        val b = s.add(entry(2))
        val c = s.add(entry(3))
        assertTrue(s.delete(b.id))
        assertFalse(s.delete(b.id))
        assertEquals(listOf(c.id, a.id), s.list().map { it.id })
        // Ids are never reused, even after the newest is deleted or all are: an old notification
        // must not open a different warning.
        assertTrue(s.delete(c.id))
        assertEquals(4L, s.add(entry(4)).id)
        s.deleteAll()
        assertTrue(s.list().isEmpty())
        assertEquals(5L, store().add(entry(5)).id)
        assertFalse("no temp file left behind", File(tmp.root, "history.tsv.tmp").exists())
    }

    @Test
    fun awkwardFieldsRoundTrip() {
        val s = store()
        val odd = listOf(null, "-", "\\-", "a\tb\nc\rd\\e", "", "短信 🎁", "\\", "\\t")
        val stored = odd.map { s.add(entry(1, sender = it)) }
        val reread = store().list().associateBy { it.id }
        for (e in stored) assertEquals(e, reread[e.id])
        val lines = File(tmp.root, "history.tsv").readLines()
        assertTrue(lines[0], lines[0].startsWith(HistoryStore.HEADER + "\t"))
        assertEquals("one line per entry", odd.size + 1, lines.size)
        // The explanation is chosen by language.
        assertEquals("链接冒充淘宝", stored[0].topReason(Locale.SIMPLIFIED_CHINESE))
        assertEquals("The link imitates Taobao", stored[0].topReason(Locale.UK))
    }

    @Test
    fun encodeDecodeInverse() {
        val e = entry(42, sender = "a\\b\tc").copy(id = 7, domains = emptyList(), topReasonId = "")
        assertEquals(e, HistoryStore.decode(HistoryStore.encode(e)))
        assertEquals(9, HistoryStore.encode(e).split('\t').size)
    }

    @Test
    fun tornLastLineIsSkippedAndRepairedOnNextAdd() {
        val s = store()
        s.add(entry(1))
        s.add(entry(2))
        val f = File(tmp.root, "history.tsv")
        // A crash in the middle of an append: half a line, no newline.
        f.appendText("3\t3000\t1708")
        assertEquals(2, s.list().size)
        val next = s.add(entry(4))
        assertEquals(3L, next.id)
        assertEquals(listOf(3L, 2L, 1L), s.list().map { it.id })
        assertTrue(f.readText().endsWith("\n"))
    }

    @Test
    fun malformedLinesAreIgnored() {
        val f = File(tmp.root, "history.tsv")
        f.writeText(
            HistoryStore.HEADER + "\n" +
                "x\t1\t-\tDANGEROUS\t90\ta\tb\tc\td\n" + // bad id
                "1\t1\t-\tHUGE\t90\ta\tb\tc\td\n" + // unknown level
                "2\t1\tbad\\qescape\tDANGEROUS\t90\ta\tb\tc\t\n" + // unknown escape
                "3\t1\t-\tSUSPICIOUS\t40\ta\tb\tc\t\n",
        )
        assertEquals(listOf(3L), store().list().map { it.id })
        assertNull(store().list()[0].sender)
    }

    @Test
    fun unknownFormatReadsAsEmpty() {
        File(tmp.root, "history.tsv").writeText("something else\n1\t1\t-\tDANGEROUS\t90\ta\tb\tc\td\n")
        assertTrue(store().list().isEmpty())
    }

    @Test
    fun keepsOnlyTheNewestMaxEntries() {
        val s = store()
        repeat(HistoryStore.MAX_ENTRIES + 5) { s.add(entry(it.toLong())) }
        val all = s.list()
        assertEquals(HistoryStore.MAX_ENTRIES, all.size)
        assertEquals((HistoryStore.MAX_ENTRIES + 5).toLong(), all.first().id)
        assertEquals(6L, all.last().id)
    }

    @Test
    fun concurrentAddsFromTwoStoresLoseNothing() {
        val pool = Executors.newFixedThreadPool(4)
        repeat(200) { i -> pool.execute { store().add(entry(i.toLong())) } }
        pool.shutdown()
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS))
        val ids = store().list().map { it.id }
        assertEquals(200, ids.size)
        assertEquals((1L..200L).toSet(), ids.toSet())
    }
}
