package org.smishguard.demo

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test

/** English and Chinese strings stay in step: same names, same format arguments, no leftovers. */
class StringsTest {
    private val en = Res.strings()
    private val zh = Res.strings("zh")
    private val format = Regex("%(\\d+\\$)?[sd]")

    @Test
    fun sameNamesInBothLanguages() {
        assertEquals((en.keys - zh.keys).toString(), emptySet<String>(), en.keys - zh.keys)
        assertEquals((zh.keys - en.keys).toString(), emptySet<String>(), zh.keys - en.keys)
        assertTrue(en.size > 50)
    }

    @Test
    fun sameFormatArguments() {
        for ((name, value) in en) {
            val a = format.findAll(value).map { it.value }.sorted().toList()
            val b = format.findAll(zh.getValue(name)).map { it.value }.sorted().toList()
            assertEquals(name, a, b)
        }
    }

    @Test
    fun chineseIsChineseAndNeverMentionsTheNetworkWrongly() {
        val han = Regex("\\p{IsHan}")
        for ((name, value) in zh) {
            if (name.endsWith("_sender")) continue
            assertTrue("$name should be in Chinese: $value", han.containsMatchIn(value))
        }
        // The promise the status screen makes, in both languages.
        assertTrue(en.getValue("never_happens").contains("no internet permission"))
        assertTrue(zh.getValue("never_happens").contains("没有联网权限"))
    }

    @Test
    fun everyResourceTheCodeUsesExists() {
        // Every R.string field comes from res/values: aapt generates R from it, so this checks the
        // generated R matches the files (a stale R would fail here).
        val fields = R.string::class.java.fields.map { it.name }.toSet()
        assertEquals(en.keys, fields)
        assertFalse(fields.isEmpty())
    }
}
