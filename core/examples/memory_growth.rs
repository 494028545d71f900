//! How an engine's memory grows with the variety of text it analyses, and what
//! swapping in [`Engine::rebuilt`] does to it (docs/performance.md, "Memory"):
//!
//! ```sh
//! cargo run --release -p smishguard-core --example memory_growth -- MESSAGES.tsv 5000 [--rebuild]
//! ```
//!
//! Analyses the bodies of `MESSAGES.tsv` (each once) with an engine from the
//! embedded packs and prints the process's resident memory (Linux: `/proc`) after
//! every `5000`. With `--rebuild`, the engine is replaced by its rebuilt copy at
//! each of those points, as an app calling `SmishGuard.trimMemory()` would. (glibc keeps
//! the freed pages and reuses them, so here RSS stops growing rather than falling.)

use smishguard_core::{Engine, Message};

#[path = "support/bodies.rs"]
mod support;

/// Resident memory in KiB, where the system says (Linux: `VmRSS` in `/proc/self/status`).
fn resident_kib() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn show(what: &str) {
    match resident_kib() {
        Some(kib) => println!("{what:<32} {:>8} KiB resident", kib),
        None => println!("{what:<32} (resident memory unknown on this system)"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rebuild = args.iter().any(|a| a == "--rebuild");
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (Some(path), Some(step)) = (
        positional.first(),
        positional
            .get(1)
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|&n| n > 0),
    ) else {
        eprintln!("usage: memory_growth MESSAGES.tsv EVERY_N [--rebuild]");
        std::process::exit(2);
    };
    let bodies = support::bodies(path);
    let mut engine = Engine::builder().build().expect("the embedded packs build");
    show("built");
    for (i, chunk) in bodies.chunks(step).enumerate() {
        for body in chunk {
            std::hint::black_box(engine.analyze(&Message::new(body)));
        }
        show(&format!("after {} messages", i * step + chunk.len()));
        if rebuild {
            engine = engine.rebuilt();
            show("  rebuilt");
        }
    }
}
