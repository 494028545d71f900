//! Analyses messages each seen once, for instruction counts of the distinct-message
//! (phone) case that do not drift with the machine's load (docs/performance.md):
//!
//! ```sh
//! CARGO_PROFILE_RELEASE_STRIP=none cargo build --release --target-dir target/profile \
//!     -p smishguard-core --example distinct_loop
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     --toggle-collect='distinct_loop::measured' \
//!     target/profile/release/examples/distinct_loop WARM.tsv MEASURED.tsv
//! # instructions per message = total / messages in MEASURED.tsv (printed)
//! ```
//!
//! With `--precompile` (before the files) the engine compiles every pattern up front
//! ([`Engine::precompile`]), as an app that calls it at start-up would.
//!
//! The messages of `WARM.tsv` are analysed first, outside `measured`, so each rule
//! pattern the gate names has been compiled: what is left is the steady cost of a
//! new message on a phone that has been running a while. Both files are TSV with a
//! header row naming a `body` column (`\n`, `\t`, `\\` escapes as `smishguard scan`).

use smishguard_core::{Engine, Message};
use std::hint::black_box;

#[path = "support/bodies.rs"]
mod support;
use support::bodies;

#[inline(never)]
fn measured(engine: &Engine, bodies: &[String]) -> usize {
    analyze_all(engine, bodies)
}

fn analyze_all(engine: &Engine, bodies: &[String]) -> usize {
    bodies
        .iter()
        .map(|body| {
            let message = Message {
                body,
                sender: None,
                received_at_millis: None,
            };
            engine.analyze(black_box(&message)).reasons.len()
        })
        .sum()
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let precompile = args.first().is_some_and(|a| a == "--precompile");
    if precompile {
        args.remove(0);
    }
    let [warm, measure] = args.as_slice() else {
        eprintln!("usage: distinct_loop [--precompile] WARM.tsv MEASURED.tsv");
        std::process::exit(2);
    };
    let engine = Engine::builtin();
    if precompile {
        engine.precompile();
    }
    black_box(analyze_all(engine, &bodies(warm)));
    let measure = bodies(measure);
    let reasons = measured(engine, &measure);
    println!("{} messages measured ({reasons} reasons)", measure.len());
}
