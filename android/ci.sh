#!/usr/bin/env bash
# CI for the Android library (called by .ci/run; also fine to run by hand).
#
# 1. `cargo check` of the JNI bridge for the three Android ABIs' Rust targets
#    (linking needs the NDK, which CI does not have; checking does not).
# 2. The Maven build in android/: builds the host libsmishguard.so with cargo,
#    compiles the Kotlin library against android-all (Maven Central), runs the
#    JVM tests with -Xcheck:jni (bridge, child-JVM JNI check, Robolectric
#    receiver → notification end to end) and fails on any JNI warning.
#
# Installs what it needs on a fresh machine: the rustup targets, Maven if
# missing (Debian package), and Maven Central artifacts (~450 MB, first run).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

targets=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android)

echo "== android: rustup targets"
rustup target add "${targets[@]}"

echo "== android: cargo check for the Android targets (clippy on arm64: lints the Android-only code)"
cargo clippy -p smishguard-android --release --target aarch64-linux-android -- -D warnings
for t in armv7-linux-androideabi x86_64-linux-android; do
  cargo check -p smishguard-android --release --target "$t"
done

echo "== android: clippy (host)"
cargo clippy -p smishguard-android --all-targets --features test-exports -- -D warnings

echo "== android: Rust unit tests of the bridge"
cargo test -p smishguard-android

missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== android: installing ${missing[*]}"
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== android: Maven JVM build and tests (-Xcheck:jni)"
mvn -B -ntp -f "$here/pom.xml" verify
