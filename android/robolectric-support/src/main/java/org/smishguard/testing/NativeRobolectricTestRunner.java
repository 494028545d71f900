package org.smishguard.testing;

import org.junit.runners.model.FrameworkMethod;
import org.junit.runners.model.InitializationError;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.internal.bytecode.InstrumentationConfiguration;

/**
 * A {@link RobolectricTestRunner} under which {@code org.smishguard} classes keep working JNI.
 *
 * <p>Robolectric rewrites every class it instruments: {@code native} methods become no-op stubs
 * and {@code System.loadLibrary} calls are dropped. That would silently replace the real
 * detection engine with nulls. This runner tells Robolectric not to instrument
 * {@code org.smishguard}, so {@code org.smishguard.Native} loads {@code libsmishguard.so} into
 * the sandbox class loader and calls the real native code. (The classes are still loaded by the
 * sandbox, so they see the sandbox's Android framework classes.)
 *
 * <p>A native library can belong to one class loader only: run each Robolectric test class in
 * its own JVM (surefire {@code reuseForks=false}), or at least never mix plain JVM tests that
 * load the library with Robolectric tests in one JVM.
 */
public class NativeRobolectricTestRunner extends RobolectricTestRunner {
  /** Creates the runner for {@code testClass}. */
  public NativeRobolectricTestRunner(Class<?> testClass) throws InitializationError {
    super(testClass);
  }

  @Override
  protected InstrumentationConfiguration createClassLoaderConfig(FrameworkMethod method) {
    return new InstrumentationConfiguration.Builder(super.createClassLoaderConfig(method))
        .doNotInstrumentPackage("org.smishguard")
        .build();
  }
}
