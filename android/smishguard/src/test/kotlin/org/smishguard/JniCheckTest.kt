package org.smishguard

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import java.io.File
import java.util.concurrent.TimeUnit

/**
 * Runs [JniHarness] (a Java program) in a child JVM with `-Xcheck:jni` and fails on any JNI
 * warning it prints. HotSpot writes those warnings straight to the process's stdout, where a
 * test inside the JVM cannot see them; a child process's output can be read completely.
 */
class JniCheckTest {
    companion object {
        /** What -Xcheck:jni prints when native code misuses JNI (HotSpot 17+). */
        val JNI_COMPLAINT = Regex("""(WARNING|FATAL ERROR) in native method|JNI local refs: \d+, exceeds capacity|JNI call made (with|without)""")
    }

    @Test
    fun harnessRunsCleanUnderCheckJni() {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val libDir = System.getProperty("smishguard.native.dir") ?: error("smishguard.native.dir not set by the build")
        val process = ProcessBuilder(
            java,
            "-Xcheck:jni",
            "-Djava.library.path=$libDir",
            "-cp",
            System.getProperty("java.class.path"),
            "org.smishguard.JniHarness",
        ).redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText()
        assertTrue("harness timed out", process.waitFor(300, TimeUnit.SECONDS))
        val complaints = output.lines().filter { JNI_COMPLAINT.containsMatchIn(it) }
        assertEquals("JNI warnings:\n${complaints.joinToString("\n")}\n---\n$output", emptyList<String>(), complaints)
        assertEquals("harness output:\n$output", 0, process.exitValue())
        assertTrue(output, output.lines().any { it.startsWith("HARNESS OK ") })
    }

    @Test
    fun theScannerRecognisesHotSpotWarnings() {
        // So that the test above can fail: these are the forms HotSpot prints.
        for (line in listOf(
            "WARNING in native method: JNI call made without checking exceptions when required to from CallStaticObjectMethodV",
            "WARNING: JNI local refs: 33, exceeds capacity: 32",
            "FATAL ERROR in native method: Bad global or local ref passed to JNI",
        )) {
            assertTrue(line, JNI_COMPLAINT.containsMatchIn(line))
        }
        assertFalse(JNI_COMPLAINT.containsMatchIn("HARNESS OK 20"))
    }
}
