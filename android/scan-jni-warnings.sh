#!/usr/bin/env bash
# -Xcheck:jni complaints in test output fail the build.
#   scan-jni-warnings.sh reset DIR   empty DIR (surefire's reports) before the tests
#   scan-jni-warnings.sh scan DIR    fail if any file in DIR holds a complaint
# HotSpot prints the complaints straight to the forked JVM's stdout; surefire
# files them under DIR (in *.dumpstream as "Corrupted channel" records, or in
# the *-output.txt files). JniCheckTest covers the bridge in a child JVM; this
# covers every other test JVM, Robolectric's included.
set -euo pipefail
mode=${1:?usage: scan-jni-warnings.sh reset|scan DIR}
dir=${2:?usage: scan-jni-warnings.sh reset|scan DIR}
case "$mode" in
  reset) rm -rf "$dir" ;;
  scan)
    [ -d "$dir" ] || { echo "scan-jni-warnings: $dir does not exist (did the tests run?)" >&2; exit 1; }
    pattern='(WARNING|FATAL ERROR) in native method|JNI local refs: [0-9]+, exceeds capacity|JNI call made (with|without)'
    if grep -rEn "$pattern" "$dir"; then
      echo "scan-jni-warnings: -Xcheck:jni reported problems (above)" >&2
      exit 1
    fi
    echo "scan-jni-warnings: no -Xcheck:jni warnings in $dir" ;;
  *) echo "scan-jni-warnings: unknown mode $mode" >&2; exit 2 ;;
esac
