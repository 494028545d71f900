// Minimal stand-in for the androidx.test:monitor class of the same name (Google Maven only);
// provides just what Robolectric 4.16 calls on the JVM. See ../../pom.xml of this module.
package androidx.test.runner.lifecycle;

public enum Stage { PRE_ON_CREATE, CREATED, STARTED, RESUMED, PAUSED, STOPPED, RESTARTED, DESTROYED }
