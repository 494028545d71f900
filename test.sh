#!/usr/bin/env bash
# Runs every test smishguard has: the Rust workspace (core, CLI, JNI bridge), the
# rule packs' own examples, and (when Maven is present) the JVM tests of the
# Android library through the real native library. Used by CI and by people.
set -euo pipefail
cd "$(dirname "$0")"

echo "== cargo test (workspace)"
cargo test --workspace --locked

echo "== rule packs: syntax and every rule's examples"
cargo run --quiet --locked -p smishguard-cli -- rules check rules/*.toml

if [ -f android/ci.sh ]; then
  echo "== Android library: cargo check for device targets, JVM tests with -Xcheck:jni"
  bash android/ci.sh
fi
