// Minimal stand-in for the androidx.test:monitor class of the same name (Google Maven only);
// provides just what Robolectric 4.16 calls on the JVM. See ../../pom.xml of this module.
package androidx.test.runner.lifecycle;

public final class ActivityLifecycleMonitorRegistry {
  private static volatile ActivityLifecycleMonitor instance;

  private ActivityLifecycleMonitorRegistry() {}

  public static void registerInstance(ActivityLifecycleMonitor monitor) {
    instance = monitor;
  }

  public static ActivityLifecycleMonitor getInstance() {
    return instance;
  }
}
