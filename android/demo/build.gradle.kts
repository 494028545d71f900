// Device build of the smishguard demo app (org.smishguard.demo): an APK with the library
// (project ":smishguard", which builds libsmishguard.so for every ABI with cargo-ndk).
//
// Needs the Android SDK (compileSdk 35) and the NDK + cargo-ndk for the library; see
// android/README.md, "Install the demo". Not run by CI (no SDK there): CI compiles and tests
// the same sources with Maven (demo/pom.xml: aapt for R, Robolectric for the screens).
//
// Framework APIs only, no AndroidX. Views are built in code; strings live in res/values and
// res/values-zh. No INTERNET permission (see src/main/AndroidManifest.xml).

plugins {
    // The Android Gradle plugin is on the classpath via the root build.gradle.kts.
    id("com.android.application")
}

android {
    namespace = "org.smishguard.demo"
    compileSdk = 35

    defaultConfig {
        applicationId = "org.smishguard.demo"
        minSdk = 24
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
        ndk {
            abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64")
        }
    }

    buildTypes {
        release {
            // Minified release builds keep the library's native methods via its consumer rules.
            isMinifyEnabled = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"))
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    packaging {
        // 16 KB page sizes (Android 15+): keep libsmishguard.so uncompressed and aligned.
        jniLibs.useLegacyPackaging = false
    }
}

dependencies {
    implementation(project(":smishguard"))
}
