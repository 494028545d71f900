//! Criterion benchmarks for the engine: a typical inbox mix, a 64 KiB
//! adversarial body and a cold build from the embedded packs.
//!
//! `cargo bench -p smishguard-core`; `smishguard bench` prints the same
//! figures (plus p50/p99 latency) without criterion.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use smishguard_core::{Engine, Message};
use std::hint::black_box;
use std::time::Duration;

// The CLI's `bench` uses the same messages, so both report comparable figures.
#[path = "../../examples/src/mix.rs"]
mod mix;

fn typical(c: &mut Criterion) {
    let engine = Engine::builtin();
    let messages: Vec<Message<'_>> = mix::typical_messages();
    let mut group = c.benchmark_group("analyze");
    // One iteration analyses the whole mix: report messages per second.
    group.throughput(Throughput::Elements(messages.len() as u64));
    group.bench_function("typical", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(engine.analyze(black_box(m)));
            }
        })
    });

    let body = mix::adversarial_body();
    let adversarial = Message::new(&body);
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("64k_adversarial", |b| {
        b.iter(|| black_box(engine.analyze(black_box(&adversarial))))
    });
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine");
    // A build takes milliseconds: fewer samples keep the run short.
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("build", |b| {
        b.iter(|| black_box(Engine::builder().build().expect("embedded packs build")))
    });
    group.finish();
}

criterion_group!(benches, typical, build);
criterion_main!(benches);
