// Minimal stand-in for the androidx.test:monitor class of the same name (Google Maven only);
// provides just what Robolectric 4.16 calls on the JVM. See ../../pom.xml of this module.
package androidx.test.runner.intent;

public final class IntentMonitorRegistry {
  private static volatile IntentMonitor instance;

  private IntentMonitorRegistry() {}

  public static void registerInstance(IntentMonitor monitor) {
    instance = monitor;
  }

  public static IntentMonitor getInstance() {
    return instance;
  }
}
