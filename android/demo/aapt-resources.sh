#!/usr/bin/env bash
# Compiles the demo's resources for the Maven (JVM) build with Debian's aapt:
#   aapt-resources.sh OUT
# writes OUT/r/org/smishguard/demo/R.java, OUT/resources.ap_ (manifest + compiled
# resources, what Robolectric loads) and OUT/test-config/com/android/tools/
# test_config.properties (tells Robolectric where they are). Device builds do
# not use this: AGP compiles the same res/ with aapt2.
#
# The source manifest has no package attribute and no <uses-sdk> (AGP 8+ takes
# them from build.gradle.kts and rejects `package`); aapt needs both, so it
# gets a copy with them added.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:?usage: aapt-resources.sh OUT}
framework=${ANDROID_FRAMEWORK_RES:-/usr/share/android-framework-res/framework-res.apk}
if ! command -v aapt >/dev/null 2>&1 || [ ! -f "$framework" ]; then
  # A fresh CI machine (root, Debian): install them, as android/ci.sh does for Maven.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${ANDROID_FRAMEWORK_RES:-}" ]; then
    bash "$here/ci-setup.sh"
  else
    echo "aapt-resources: needs aapt and $framework; run android/demo/ci-setup.sh (Debian: apt-get install aapt android-framework-res)" >&2
    exit 1
  fi
fi
rm -rf "$out"
mkdir -p "$out/r" "$out/test-config/com/android/tools"
sed -e 's|^<manifest |<manifest package="org.smishguard.demo" |' \
    -e 's|^    <application$|    <uses-sdk android:minSdkVersion="24" android:targetSdkVersion="35" />\n    <application|' \
    "$here/src/main/AndroidManifest.xml" > "$out/AndroidManifest.xml"
grep -q 'package="org.smishguard.demo"' "$out/AndroidManifest.xml"
grep -q '<uses-sdk' "$out/AndroidManifest.xml"
aapt package -f -m \
  -M "$out/AndroidManifest.xml" \
  -S "$here/src/main/res" \
  -I "$framework" \
  -J "$out/r" \
  -F "$out/resources.ap_"
cat > "$out/test-config/com/android/tools/test_config.properties" <<PROPS
android_merged_manifest=$out/AndroidManifest.xml
android_resource_apk=$out/resources.ap_
android_custom_package=org.smishguard.demo
PROPS
