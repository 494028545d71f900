package org.smishguard

import org.json.JSONArray
import org.json.JSONObject
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File

/**
 * Every row of the inboxes the build ran through the desktop CLI (`cli-parity.sh`) must get the
 * same verdict through JNI: level, score, categories, reasons, evidence, links, OTP, sender kind.
 * The CLI reports UTF-8 byte offsets; the Kotlin API UTF-16 indices: both are compared as text
 * positions of the same body.
 */
class CliParityTest {
    private fun unescape(field: String): String {
        val sb = StringBuilder()
        var i = 0
        while (i < field.length) {
            val c = field[i]
            if (c == '\\' && i + 1 < field.length) {
                when (field[i + 1]) {
                    't' -> sb.append('\t')
                    'n' -> sb.append('\n')
                    '\\' -> sb.append('\\')
                    else -> sb.append(c).append(field[i + 1])
                }
                i += 2
            } else {
                sb.append(c)
                i++
            }
        }
        return sb.toString()
    }

    /** UTF-16 index of a UTF-8 byte offset in [body]. */
    private fun utf16(body: String, byteOffset: Int): Int {
        var bytes = 0
        var i = 0
        while (i < body.length && bytes < byteOffset) {
            val cp = body.codePointAt(i)
            bytes += String(Character.toChars(cp)).toByteArray(Charsets.UTF_8).size
            i += Character.charCount(cp)
        }
        return i
    }

    private fun range(body: String, span: JSONObject): TextRange =
        TextRange(utf16(body, span.getInt("start")), utf16(body, span.getInt("end")))

    private fun strings(a: JSONArray): List<String> = (0 until a.length()).map { a.getString(it) }

    private fun optString(o: JSONObject, key: String): String? = if (o.isNull(key)) null else o.getString(key)

    @Test
    fun jniVerdictsMatchTheCli() {
        val dir = File(System.getProperty("smishguard.cli.parity.dir") ?: error("smishguard.cli.parity.dir not set"))
        val inboxes = dir.listFiles { f -> f.name.endsWith(".tsv") }!!.sorted()
        assertTrue("no CLI output in $dir", inboxes.isNotEmpty())
        var rows = 0
        for (tsv in inboxes) {
            val lines = tsv.readLines(Charsets.UTF_8)
            val header = lines.first().split('\t')
            val senderCol = header.indexOf("sender")
            val bodyCol = header.indexOf("body")
            val expected = File(dir, tsv.name.removeSuffix(".tsv") + ".jsonl").readLines(Charsets.UTF_8)
                .filter { it.isNotBlank() }.map { JSONObject(it) }
            for (json in expected) {
                val lineNo = json.getInt("line")
                val fields = lines[lineNo - 1].split('\t')
                val sender = fields.getOrNull(senderCol)?.let(::unescape)?.takeIf { it.isNotEmpty() }
                val body = unescape(fields[bodyCol])
                val where = "${tsv.name}:$lineNo"
                val v = SmishGuard.analyze(sender, body, 0)
                assertEquals(where, json.getString("level"), v.level.name.lowercase())
                assertEquals(where, json.getInt("score"), v.score)
                assertEquals(where, strings(json.getJSONArray("categories")), v.categories)
                assertEquals(where, json.getString("sender_kind"), v.senderKind)
                assertEquals(where, strings(json.getJSONArray("brands")), v.brands)
                assertEquals(where, json.getBoolean("truncated"), v.truncated)
                val reasons = json.getJSONArray("reasons")
                assertEquals(where, reasons.length(), v.reasons.size)
                for (i in 0 until reasons.length()) {
                    val r = reasons.getJSONObject(i)
                    val k = v.reasons[i]
                    assertEquals(where, r.getString("rule_id"), k.ruleId)
                    assertEquals(where, r.getString("category"), k.category)
                    assertEquals(where, r.getInt("weight"), k.weight)
                    assertEquals(where, r.getJSONObject("explanation").getString("zh"), k.explanationZh)
                    assertEquals(where, r.getJSONObject("explanation").getString("en"), k.explanationEn)
                    if (!r.isNull("evidence")) {
                        val ev = r.getJSONObject("evidence")
                        val kr = k.evidence ?: throw AssertionError("$where ${k.ruleId}: evidence missing")
                        assertEquals("$where ${k.ruleId}", range(body, ev), kr)
                        assertEquals("$where ${k.ruleId}", ev.getString("text"), kr.textIn(body))
                    }
                }
                val links = json.getJSONArray("links")
                assertEquals(where, links.length(), v.links.size)
                for (i in 0 until links.length()) {
                    val l = links.getJSONObject(i)
                    val k = v.links[i]
                    assertEquals(where, range(body, l.getJSONObject("span")), k.range)
                    assertEquals(where, l.getString("url"), k.url)
                    assertEquals(where, l.getString("host"), k.host)
                    assertEquals(where, l.getString("domain"), k.domain)
                    assertEquals(where, optString(l, "official_for"), k.officialFor)
                    assertEquals(where, optString(l, "imitates"), k.imitates)
                    assertEquals(where, strings(l.getJSONArray("findings")), k.findings)
                }
                if (json.isNull("otp")) {
                    assertEquals(where, null, v.otp)
                } else {
                    val o = json.getJSONObject("otp")
                    val k = v.otp ?: throw AssertionError("$where: OTP missing")
                    assertEquals(where, o.getString("code"), k.code)
                    assertEquals(where, range(body, o.getJSONObject("span")), k.range)
                    assertEquals(where, o.getString("purpose"), k.purpose.id)
                    assertEquals(where, optString(o, "amount"), k.amount)
                    assertEquals(where, o.getBoolean("warns_not_to_share"), k.warnsNotToShare)
                }
                rows++
            }
        }
        assertTrue("compared only $rows rows", rows >= 20)
        println("CliParityTest: $rows rows identical to the CLI")
    }
}
