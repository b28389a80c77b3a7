#!/usr/bin/env bash
# Instruction counts for `ocop` under callgrind, repeatable on a busy
# machine (what BENCHMARKS.md's "Where the time went" table reports).
#
#   bash tools/callgrind/run.sh REPO_DIR
#
# Builds the harness beside this script against REPO_DIR (release), in a
# build folder of its own per tree ($BENCH/build/<tree>), and runs
# each of its modes once under callgrind:
#   - lines: 2,000 generated lines of 26/2026 (both modes read every
#     table first, as the catalog has read tables on first use since #25) (the same file for every
#     tree: made once, by the first tree measured, into $INPUT);
#     batch - load(FILE) against the floor, floor - none(FILE);
#   - plans: 8 generated evaluations of every set of qd1048-781 and
#     qd26-2026, each planned towards the next star with inferred data;
#     plan - load, and plan - gen (without generating the evaluations).
# Nothing is written inside REPO_DIR except its own target/ when the input
# has to be generated. Env: INPUT (default /tmp/bench/2k.jsonl), LINES
# (2000; give INPUT too when changing it), NICE (10), PLANS (1; 0 runs the
# line modes only).
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 REPO_DIR" >&2; exit 2; }
REPO=$(cd "$1" && pwd)
[ -f "$REPO/Cargo.toml" ] || { echo "$REPO: no Cargo.toml" >&2; exit 2; }
BENCH=${BENCH:-/tmp/bench}
HARNESS=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$BENCH"
INPUT=${INPUT:-$BENCH/2k.jsonl}
NICE=${NICE:-10}
LINES=${LINES:-2000}
PLANS=${PLANS:-1}
EDITIONS="qd1048-781 qd26-2026"

# The profile that counts is the harness's (a dependency's own profile
# sections are ignored): say so if the tree has changed its profile.
if grep -q '^\[profile' "$REPO/Cargo.toml"; then
  echo "note: $REPO/Cargo.toml has [profile] sections; the harness's apply" >&2
fi

# 1. The input, made once and then shared by every tree.
if [ ! -s "$INPUT" ]; then
  echo "== generating $INPUT from $REPO" >&2
  (cd "$REPO" && nice -n "$NICE" cargo run -q --release --example generate \
    -- "$LINES" qd26-2026) > "$INPUT.tmp"
  mv "$INPUT.tmp" "$INPUT"
fi
[ "$(wc -l < "$INPUT")" -eq "$LINES" ] || { echo "$INPUT: not $LINES lines" >&2; exit 1; }

# 2. The harness, built against this tree with this tree's Cargo.lock.
BUILD=$BENCH/build/$(echo "${REPO#/}" | tr '/' '_')
mkdir -p "$BUILD"
sed "s|^ocop = { path = \".*\" }|ocop = { path = \"$REPO\" }|" \
  "$HARNESS/Cargo.toml" > "$BUILD/Cargo.toml"
grep -q "path = \"$REPO\"" "$BUILD/Cargo.toml"
ln -sfn "$HARNESS/src" "$BUILD/src"
[ -f "$REPO/Cargo.lock" ] && cp "$REPO/Cargo.lock" "$BUILD/Cargo.lock"
echo "== building the harness against $REPO" >&2
CARGO_TARGET_DIR=$BUILD/target nice -n "$NICE" \
  cargo build -q --release --manifest-path "$BUILD/Cargo.toml"
BIN=$BUILD/target/release/ocop-callgrind

# 3. One callgrind run: prints the instructions collected ("Ir").
count() {
  local log
  log=$(mktemp)
  if ! nice -n "$NICE" valgrind --tool=callgrind \
      --callgrind-out-file=/dev/null "$BIN" "$@" > /dev/null 2> "$log"; then
    cat "$log" >&2; rm -f "$log"; return 1
  fi
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$log"
  rm -f "$log"
}
# Plans made by `plan`/`gen` with the given editions (the harness says).
evaluations() { "$BIN" gen "$@" | sed -n 's/^evaluations //p'; }
mega() { awk -v n="$1" 'BEGIN { printf "%.1f M", n / 1e6 }'; }

echo "== callgrind runs (each takes seconds to a minute)" >&2
none_f=$(count none "$INPUT")
load_f=$(count load "$INPUT")
floor=$(count floor "$INPUT")
batch=$(count batch "$INPUT")
load=$(count load)
if [ "$PLANS" = 1 ]; then
gen=$(count gen)
plan=$(count plan)
nplans=$(evaluations)
declare -A ed_gen ed_plan ed_n
for ed in $EDITIONS; do
  ed_gen[$ed]=$(count gen "$ed")
  ed_plan[$ed]=$(count plan "$ed")
  ed_n[$ed]=$(evaluations "$ed")
done
fi

commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$( (git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null || true) | wc -l)
echo "tree:    $REPO at $commit$([ "$dirty" -gt 0 ] && echo " + $dirty changed files")"
echo "input:   $INPUT ($LINES lines, $(wc -c < "$INPUT") bytes, sha256 $(sha256sum "$INPUT" | cut -c1-16))"
echo
echo "Collected (instructions, whole process)"
printf '  %-22s %12s\n' "none FILE" "$none_f" "load FILE" "$load_f" \
  "floor FILE" "$floor" "batch FILE" "$batch" "load" "$load"
if [ "$PLANS" = 1 ]; then
printf '  %-22s %12s\n' "gen" "$gen" "plan" "$plan"
for ed in $EDITIONS; do
  printf '  %-22s %12s\n' "gen $ed" "${ed_gen[$ed]}" "plan $ed" "${ed_plan[$ed]}"
done
fi
echo
floor_net=$((floor - none_f))
batch_net=$((batch - load_f))
echo "Lines ($LINES)"
echo "  floor - none FILE      $floor_net  ($(mega "$floor_net"); $((floor_net / LINES)) a line)"
echo "  batch - load FILE      $batch_net  ($(mega "$batch_net"); $((batch_net / LINES)) a line)"
awk -v b="$batch_net" -v f="$floor_net" -v r="$floor" 'BEGIN {
  printf "  instructions per line as a ratio to serde_json parse-only:\n"
  printf "    (batch - load) / (floor - none) = %.4f\n", b / f
  printf "    (batch - load) / floor (raw)    = %.3f\n", b / r }'
[ "$PLANS" = 1 ] || exit 0
echo
echo "Plans ($nplans: $(echo $EDITIONS | tr ' ' '+'), 8 a set, inferred)"
echo "  plan - load            $((plan - load))  ($(mega $((plan - load)))); $(((plan - load) / nplans)) a plan (generation included)"
echo "  plan - gen             $((plan - gen))  ($(mega $((plan - gen)))); $(((plan - gen) / nplans)) a plan (planning alone)"
echo "  gen - load             $((gen - load)); $(((gen - load) / nplans)) an evaluation generated"
for ed in $EDITIONS; do
  n=${ed_n[$ed]}; p=${ed_plan[$ed]}; g=${ed_gen[$ed]}
  echo "  $ed ($n plans): plan - load $(((p - load) / n)) a plan; plan - gen $(((p - g) / n)) a plan"
done
