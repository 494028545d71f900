//! Analyses the benchmark mix in a loop, for instruction counts that do not drift
//! with the machine's load (docs/performance.md):
//!
//! ```sh
//! # symbols kept (the release profile strips them), in a separate target dir
//! CARGO_PROFILE_RELEASE_STRIP=none cargo build --release --target-dir target/profile \
//!     -p smishguard-core --example mix_loop
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     --toggle-collect='mix_loop::measured' target/profile/release/examples/mix_loop 300
//! # instructions per message = total / (300 rounds × 32 messages)
//! ```
//!
//! The mix is first analysed 300 times outside `measured`, so the lazy automata
//! have built their states: this is the repeated-message (warm) cost.

use smishguard_core::{Engine, Message};
use std::hint::black_box;

#[path = "../../examples/src/mix.rs"]
#[allow(dead_code)] // the adversarial body is not used here
mod mix;

#[inline(never)]
fn measured(engine: &Engine, messages: &[Message<'_>], rounds: usize) -> usize {
    let mut reasons = 0;
    for _ in 0..rounds {
        for m in messages {
            reasons += engine.analyze(black_box(m)).reasons.len();
        }
    }
    reasons
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let engine = Engine::builtin();
    let messages: Vec<Message<'_>> = mix::typical_messages();
    let warm: usize = (0..300)
        .map(|_| {
            messages
                .iter()
                .map(|m| engine.analyze(m).reasons.len())
                .sum::<usize>()
        })
        .sum();
    let n = measured(engine, &messages, rounds);
    println!(
        "{} messages analysed, {} reasons",
        messages.len() * (300 + rounds),
        warm + n
    );
}
