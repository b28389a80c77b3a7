"""score_lines against the `ocop score` command on the same file, in one
run, as ratios; then import time and the first score after import.

    python bindings/python/bench/bench.py target/release/ocop FILE.jsonl

FILE.jsonl: `cargo run --release --example generate -- 20000 all`. Each
figure is the best of 5 runs; both sides write every line out (the
command to /dev/null, Python to an open /dev/null file), so the ratio is
what a Python program that writes the results pays over the command.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import ocop

RUNS = 5


def best(f) -> float:
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def command(cli: str, path: str, threads: list) -> None:
    with open(os.devnull, "wb") as out:
        subprocess.run([cli, "score", *threads, path], stdout=out, stderr=subprocess.DEVNULL, check=False)


def python_text(path: str, threads) -> None:
    with open(os.devnull, "w", encoding="utf-8") as out:
        out.writelines(ocop.score_lines_json(path, threads=threads))


def python_objects(path: str, threads) -> None:
    n = 0
    for _ in ocop.score_lines(path, threads=threads):
        n += 1


def fresh(code: str) -> float:
    """Seconds a fresh interpreter reports for `code` (best of 5)."""
    times = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(float(out.stdout))
    return min(times)


def main(cli: str, path: str) -> None:
    lines = sum(1 for _ in open(path, "rb"))
    size = os.path.getsize(path) / 1e6
    print(f"{lines} lines, {size:.1f} MB; {os.cpu_count()} cores; best of {RUNS}")
    print("| threads | `ocop score` | `score_lines_json` | ratio | `score_lines` (objects, Decimal) | ratio |")
    print("|---|---|---|---|---|---|")
    for label, flag, threads in (("1", ["--threads", "1"], 1), ("all", [], None)):
        c = best(lambda: command(cli, path, flag))
        t = best(lambda: python_text(path, threads))
        o = best(lambda: python_objects(path, threads))
        print(f"| {label} | {c * 1e3:.0f} ms | {t * 1e3:.0f} ms | {t / c:.2f} | {o * 1e3:.0f} ms | {o / c:.2f} |")
    base = fresh("import time; t=time.perf_counter(); print(time.perf_counter()-t)")
    imp = fresh("import time; t=time.perf_counter(); import ocop; print(time.perf_counter()-t)")
    first = fresh(
        "import ocop, time; t=time.perf_counter(); ocop.score(ocop.SAMPLE); print(time.perf_counter()-t)"
    )
    again = best(lambda: [ocop.score(ocop.SAMPLE) for _ in range(1000)]) / 1000
    print(f"import ocop: {imp * 1e3:.1f} ms (empty statement {base * 1e6:.0f} µs)")
    print(f"first score after import: {first * 1e3:.1f} ms; then {again * 1e6:.1f} µs a call")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
