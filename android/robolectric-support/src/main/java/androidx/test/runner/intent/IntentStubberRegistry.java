// Minimal stand-in for the androidx.test:monitor class of the same name (Google Maven only);
// provides just what Robolectric 4.16 calls on the JVM. See ../../pom.xml of this module.
package androidx.test.runner.intent;

public final class IntentStubberRegistry {
  private IntentStubberRegistry() {}

  /** No intent stubbing (espresso-intents) is available here. */
  public static boolean isLoaded() {
    return false;
  }

  public static IntentStubber getInstance() {
    throw new IllegalStateException("espresso-intents is not available in this build");
  }
}
