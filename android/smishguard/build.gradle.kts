// Device build of the smishguard library: the AAR with libsmishguard.so for
// arm64-v8a, armeabi-v7a and x86_64, built by cargo-ndk.
//
// Needs the Android SDK (compileSdk 35), the NDK (r27 or newer; the crate's
// build.rs links for 16 KB pages) and cargo-ndk 4.x with the three Rust targets; see
// android/README.md. Not run by CI (no SDK there): CI builds and tests the same
// sources with Maven on the JVM and runs `cargo check` for the three targets.

plugins {
    id("com.android.library")
}

android {
    namespace = "org.smishguard"
    compileSdk = 35

    defaultConfig {
        minSdk = 24
        consumerProguardFiles("consumer-rules.pro")
        ndk {
            abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    sourceSets {
        getByName("main") {
            // Kotlin sources are in src/main/kotlin (shared with the Maven JVM build).
            jniLibs.srcDir(layout.buildDirectory.dir("rustJniLibs"))
        }
    }

    packaging {
        // 16 KB page sizes (Android 15+): keep .so files uncompressed and aligned in the APK.
        jniLibs.useLegacyPackaging = false
    }
}

kotlin {
    explicitApi()
}

// cargo-ndk builds the bridge crate (android/, package smishguard-android) for
// every ABI and writes rustJniLibs/<abi>/libsmishguard.so.
val cargoNdk = tasks.register<Exec>("cargoNdkBuild") {
    description = "Builds libsmishguard.so for arm64-v8a, armeabi-v7a and x86_64 with cargo-ndk"
    group = "build"
    val outDir = layout.buildDirectory.dir("rustJniLibs")
    workingDir = rootProject.projectDir.resolve("..") // the Cargo workspace root
    inputs.dir(rootProject.projectDir.resolve("../core/src"))
    inputs.dir(rootProject.projectDir.resolve("../rules"))
    inputs.dir(rootProject.projectDir.resolve("src"))
    outputs.dir(outDir)
    commandLine(
        "cargo", "ndk",
        "-t", "arm64-v8a", "-t", "armeabi-v7a", "-t", "x86_64",
        "-P", "24",
        "-o", outDir.get().asFile.path,
        "build", "-p", "smishguard-android", "--release",
    )
}

tasks.named("preBuild") { dependsOn(cargoNdk) }
