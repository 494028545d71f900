// Minimal stand-in for the androidx.test:monitor class of the same name (Google Maven only);
// provides just what Robolectric 4.16 calls on the JVM. See ../../pom.xml of this module.
package androidx.test.platform.app;

import android.app.Instrumentation;
import android.os.Bundle;

public final class InstrumentationRegistry {
  private static volatile Instrumentation instrumentation;
  private static volatile Bundle arguments = new Bundle();

  private InstrumentationRegistry() {}

  public static void registerInstance(Instrumentation instr, Bundle args) {
    instrumentation = instr;
    arguments = args == null ? new Bundle() : new Bundle(args);
  }

  public static Instrumentation getInstrumentation() {
    Instrumentation i = instrumentation;
    if (i == null) {
      throw new IllegalStateException("No instrumentation registered");
    }
    return i;
  }

  public static Bundle getArguments() {
    return new Bundle(arguments);
  }
}
