// AGP 9 compiles Kotlin itself (built-in Kotlin): no Kotlin plugin to apply.
plugins {
    id("com.android.library") version "9.1.1" apply false
}
