// Gradle build for devices (needs the Android SDK + NDK; see README.md).
// CI uses the Maven build in this directory instead (pom.xml).
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "smishguard-android"
include(":smishguard")
include(":demo")
