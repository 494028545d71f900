// Minimal stand-in for the androidx.test:monitor class of the same name (Google Maven only);
// provides just what Robolectric 4.16 calls on the JVM. See ../../pom.xml of this module.
package androidx.test.runner.lifecycle;

public final class ApplicationLifecycleMonitorRegistry {
  private static volatile ApplicationLifecycleMonitor instance;

  private ApplicationLifecycleMonitorRegistry() {}

  public static void registerInstance(ApplicationLifecycleMonitor monitor) {
    instance = monitor;
  }

  public static ApplicationLifecycleMonitor getInstance() {
    return instance;
  }
}
