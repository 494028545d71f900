//! Android 15+ devices may use 16 KB memory pages; a `.so` whose LOAD segments
//! are aligned to 4 KB fails to load there (and Google Play rejects it). NDK r28
//! aligns to 16 KB by default; older NDKs need the flag. Passing it here makes
//! every Android build of this crate 16 KB-ready, whatever drives cargo.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("android") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,max-page-size=16384");
    }
}
