#!/usr/bin/env bash
# Runs the desktop CLI (`smishguard scan --format jsonl`) over TSV inboxes and
# leaves NAME.tsv + NAME.jsonl pairs in OUTDIR; CliParityTest then analyses
# every row through JNI and requires the same verdict as the CLI.
# Usage: cli-parity.sh OUTDIR TSV...
set -euo pipefail
out=${1:?usage: cli-parity.sh OUTDIR TSV...}
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
cargo build -q -p smishguard-cli --release
rm -rf "$out" && mkdir -p "$out"
for f in "$@"; do
  [ -f "$f" ] || continue
  name=$(basename "$(dirname "$f")")-$(basename "$f" .tsv)
  cp "$f" "$out/$name.tsv"
  "${CARGO_TARGET_DIR:-$root/target}/release/smishguard" scan --format jsonl "$f" > "$out/$name.jsonl"
done
ls "$out"/*.jsonl >/dev/null
