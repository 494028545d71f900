// Minimal stand-in for the androidx.test:monitor class of the same name (Google Maven only);
// provides just what Robolectric 4.16 calls on the JVM. See ../../pom.xml of this module.
package androidx.test.internal.runner.lifecycle;

import android.app.Activity;
import androidx.test.runner.lifecycle.ActivityLifecycleMonitor;
import androidx.test.runner.lifecycle.Stage;

public final class ActivityLifecycleMonitorImpl implements ActivityLifecycleMonitor {
  public ActivityLifecycleMonitorImpl() {}

  public void signalLifecycleChange(Stage stage, Activity activity) {}
}
