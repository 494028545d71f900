#!/usr/bin/env bash
# What the demo's Maven build needs beyond the library's (android/ci.sh):
# Debian's aapt and the framework resources it compiles against.
set -euo pipefail
if ! command -v aapt >/dev/null 2>&1 || [ ! -f /usr/share/android-framework-res/framework-res.apk ]; then
  echo "== android/demo: installing aapt and android-framework-res"
  apt-get update -qq && apt-get install -y -qq aapt android-framework-res >/dev/null
fi
