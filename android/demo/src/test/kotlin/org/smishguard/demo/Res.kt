package org.smishguard.demo

import java.io.File
import javax.xml.parsers.DocumentBuilderFactory

/** The app's string resources read straight from res/ (plain JVM tests; surefire runs in the module dir). */
internal object Res {
    val dir = File("src/main/res")

    /** name → value of `values[-qualifier]/strings.xml`, with Android's escapes undone. */
    fun strings(qualifier: String? = null): Map<String, String> {
        val f = File(dir, (if (qualifier == null) "values" else "values-$qualifier") + "/strings.xml")
        val doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f)
        val nodes = doc.getElementsByTagName("string")
        return (0 until nodes.length).associate { i ->
            val n = nodes.item(i)
            n.attributes.getNamedItem("name").nodeValue to unescape(n.textContent)
        }
    }

    private fun unescape(s: String): String =
        s.replace("\\'", "'").replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\")
}
