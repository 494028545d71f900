//! `smishguard bench`: throughput, latency and build time on this machine.

use crate::args::{self, FlagSpec};
use crate::mix;
use crate::CliError;
use smishguard_core::{Engine, Message};
use std::fmt::Write;
use std::hint::black_box;
use std::time::{Duration, Instant};

const USAGE: &str = "\
usage: smishguard bench [--seconds S] [FILE.tsv...]

Measures the engine with the embedded default packs, single-threaded:
  throughput   messages per second over a built-in mix of typical SMS, repeated
               (so the lazy DFAs have every state cached: the warm figure)
  latency      p50 / p99 / max per message, each call timed on its own
  adversarial  time to analyse a 64 KiB body built to be slow
  build        cold engine build from the embedded packs (median)
  distinct     with FILEs (TSV with a `body` column): one pass of a fresh engine
               over all their messages, each seen once, as on a phone where every
               SMS is new; the automata build their states as they go. Then the
               same with an engine that compiled every pattern first
               (Engine::precompile, timed), as an app that calls it at start-up
Each figure is shown next to the project's target. Build in release mode
(`cargo build --release`) before trusting the numbers.

options:
  --seconds S  time spent on throughput and on latency each (default 2)
  -h, --help   this help";

const FLAGS: &[FlagSpec] = &[FlagSpec {
    name: "seconds",
    takes_value: true,
}];

/// Runs `bench` with the arguments after the subcommand.
pub fn run(argv: &[String]) -> Result<(), CliError> {
    let p = args::parse(argv, FLAGS, USAGE)?;
    if p.help {
        return crate::emit(&format!("{USAGE}\n"));
    }
    let mut distinct: Vec<(Option<String>, String)> = Vec::new();
    for path in &p.positional {
        let table = crate::tsv::read(path)?;
        let sender = table.column("sender");
        for row in &table.rows {
            let s = sender
                .map(|i| row.fields[i].clone())
                .filter(|s| !s.is_empty());
            distinct.push((s, row.fields[table.body].clone()));
        }
    }
    let seconds: f64 = p.number("seconds", USAGE)?.unwrap_or(2.0);
    if !(seconds.is_finite() && seconds > 0.0 && seconds <= 3600.0) {
        return Err(CliError::Usage(
            "--seconds must be between 0 and 3600".into(),
            USAGE,
        ));
    }
    let budget = Duration::from_secs_f64(seconds);

    if cfg!(debug_assertions) {
        eprintln!("warning: this is a debug build; run `cargo build --release` for real figures\n");
    }

    // Build first, while nothing is cached yet: the closest to a cold start.
    let (first_build, builds) = build_times(11)?;
    let engine = Engine::builtin();
    let messages: Vec<Message<'_>> = mix::typical_messages();

    // Warm up caches and lazily built state.
    for m in messages.iter().cycle().take(messages.len() * 20) {
        black_box(engine.analyze(black_box(m)));
    }

    // Throughput: whole passes over the mix, timed as a block.
    let start = Instant::now();
    let mut count = 0u64;
    while start.elapsed() < budget {
        for m in &messages {
            black_box(engine.analyze(black_box(m)));
        }
        count += messages.len() as u64;
    }
    let per_second = count as f64 / start.elapsed().as_secs_f64();

    // Latency: every call timed on its own, then sorted.
    let mut samples: Vec<Duration> = Vec::with_capacity(1 << 20);
    let start = Instant::now();
    while start.elapsed() < budget && samples.len() < 20_000_000 {
        for m in &messages {
            let t = Instant::now();
            black_box(engine.analyze(black_box(m)));
            samples.push(t.elapsed());
        }
    }
    samples.sort_unstable();

    // Adversarial: a few runs of the 64 KiB body, median and worst.
    let body = mix::adversarial_body();
    let adv_msg = Message::new(&body);
    let mut adv: Vec<Duration> = (0..9)
        .map(|_| {
            let t = Instant::now();
            black_box(engine.analyze(black_box(&adv_msg)));
            t.elapsed()
        })
        .collect();
    adv.sort_unstable();
    let truncated = engine.analyze(&adv_msg).truncated;

    let mut o = String::new();
    let _ = writeln!(
        o,
        "smishguard bench: {} messages in the mix, {seconds} s per phase, 1 thread",
        messages.len()
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "{:<24}{:>16}   target", "figure", "measured");
    line(
        &mut o,
        "throughput",
        format!("{:.0} msg/s", per_second),
        "≥ 200000 msg/s",
        per_second >= 200_000.0,
    );
    let p50 = percentile(&samples, 50.0);
    let p99 = percentile(&samples, 99.0);
    line(&mut o, "latency p50", fmt_dur(p50), "", true);
    line(
        &mut o,
        "latency p99",
        fmt_dur(p99),
        "≤ 50 µs",
        p99 <= Duration::from_micros(50),
    );
    line(
        &mut o,
        "latency max",
        fmt_dur(samples.last().copied().unwrap_or_default()),
        "",
        true,
    );
    let adv_median = adv[adv.len() / 2];
    let adv_max = adv[adv.len() - 1];
    line(
        &mut o,
        "64 KiB adversarial",
        fmt_dur(adv_median),
        "≤ 5 ms (median of 9)",
        adv_median <= Duration::from_millis(5),
    );
    line(&mut o, "64 KiB adversarial max", fmt_dur(adv_max), "", true);
    let build_median = builds[builds.len() / 2];
    line(
        &mut o,
        "cold engine build",
        fmt_dur(build_median),
        "≤ 20 ms (median of 11)",
        build_median <= Duration::from_millis(20),
    );
    line(
        &mut o,
        "first build (+ parsing)",
        fmt_dur(first_build),
        "≤ 20 ms",
        first_build <= Duration::from_millis(20),
    );
    if !distinct.is_empty() {
        for precompile in [false, true] {
            let pass = first_pass(&distinct, precompile)?;
            let name = if precompile {
                "precompiled"
            } else {
                "distinct"
            };
            if let Some(took) = pass.precompile {
                line(&mut o, "precompile", fmt_dur(took), "", true);
            }
            line(
                &mut o,
                &format!("{name}, 1st pass"),
                format!("{:.0} msg/s", pass.per_second),
                "≥ 200000 msg/s",
                pass.per_second >= 200_000.0,
            );
            line(&mut o, &format!("{name} p50"), fmt_dur(pass.p50), "", true);
            line(
                &mut o,
                &format!("{name} p99"),
                fmt_dur(pass.p99),
                "≤ 50 µs",
                pass.p99 <= Duration::from_micros(50),
            );
        }
    }
    let _ = writeln!(o);
    if !distinct.is_empty() {
        let _ = writeln!(
            o,
            "{} distinct messages from {} file(s)",
            distinct.len(),
            p.positional.len()
        );
    }
    let _ = writeln!(
        o,
        "{} latency samples; adversarial body {} bytes{}",
        samples.len(),
        body.len(),
        if truncated {
            " (engine analysed only its start)"
        } else {
            ""
        }
    );
    crate::emit(&o)
}

/// What one pass over distinct messages measured.
struct Pass {
    /// How long [`Engine::precompile`] took, if it was called.
    precompile: Option<Duration>,
    per_second: f64,
    p50: Duration,
    p99: Duration,
}

/// One pass of a freshly built engine (compiled up front if `precompile`) over
/// `messages`, each analysed once: messages per second over the whole pass, and
/// p50 / p99 per message.
fn first_pass(messages: &[(Option<String>, String)], precompile: bool) -> Result<Pass, CliError> {
    let engine = Engine::builder()
        .build()
        .map_err(|e| CliError::Failed(format!("embedded packs do not build: {e}")))?;
    let precompile = precompile.then(|| {
        let t = Instant::now();
        engine.precompile();
        t.elapsed()
    });
    let mut samples = Vec::with_capacity(messages.len());
    let start = Instant::now();
    for (sender, body) in messages {
        let m = Message::new(body);
        let m = match sender {
            Some(s) => m.with_sender(s),
            None => m,
        };
        let t = Instant::now();
        black_box(engine.analyze(black_box(&m)));
        samples.push(t.elapsed());
    }
    let per_second = messages.len() as f64 / start.elapsed().as_secs_f64();
    samples.sort_unstable();
    Ok(Pass {
        precompile,
        per_second,
        p50: percentile(&samples, 50.0),
        p99: percentile(&samples, 99.0),
    })
}

/// Times `n + 1` builds of an engine from the embedded packs: the first one
/// alone (it also parses the embedded TOML, which later builds reuse), then
/// the other `n` sorted.
fn build_times(n: usize) -> Result<(Duration, Vec<Duration>), CliError> {
    let mut times = Vec::with_capacity(n + 1);
    for _ in 0..=n {
        let t = Instant::now();
        let engine = Engine::builder()
            .build()
            .map_err(|e| CliError::Failed(format!("embedded packs do not build: {e}")))?;
        times.push(t.elapsed());
        black_box(engine);
    }
    let first = times.remove(0);
    times.sort_unstable();
    Ok((first, times))
}

/// One aligned figure, with `ok`/`MISSED` against its target when it has one.
fn line(o: &mut String, name: &str, measured: String, target: &str, ok: bool) {
    let mark = if target.is_empty() {
        ""
    } else if ok {
        "  ok"
    } else {
        "  MISSED"
    };
    let _ = writeln!(o, "{name:<24}{measured:>16}   {target}{mark}");
}

/// The `p`-th percentile of sorted samples (nearest rank).
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A duration with a unit fit for its size.
fn fmt_dur(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns < 1_000 {
        format!("{ns} ns")
    } else if ns < 1_000_000 {
        format!("{:.2} µs", ns as f64 / 1e3)
    } else if ns < 1_000_000_000 {
        format!("{:.2} ms", ns as f64 / 1e6)
    } else {
        format!("{:.2} s", ns as f64 / 1e9)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let v: Vec<Duration> = (1..=100).map(Duration::from_micros).collect();
        assert_eq!(percentile(&v, 50.0), Duration::from_micros(50));
        assert_eq!(percentile(&v, 99.0), Duration::from_micros(99));
        assert_eq!(percentile(&[], 99.0), Duration::ZERO);
        assert_eq!(fmt_dur(Duration::from_micros(1500)), "1.50 ms");
    }

    #[test]
    fn adversarial_body_is_64_kib_of_valid_text() {
        let b = mix::adversarial_body();
        assert!(b.len() <= 64 * 1024 && b.len() > 64 * 1024 - 8);
    }
}
