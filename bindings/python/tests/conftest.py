"""The native ``ocop`` command, the reference the package is held to, and
the inputs the Node suite (bindings/wasm/test) compares it on."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import List, Optional, Sequence

import pytest

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples" / "data"
SAMPLE_FILE = EXAMPLES / "sample-2026.json"

_cli: Optional[str] = None


def cli() -> str:
    """The CLI: $OCOP_CLI, else built once (debug, as `cargo test` builds it)."""
    global _cli
    if _cli is None:
        _cli = os.environ.get("OCOP_CLI")
        if not _cli:
            subprocess.run(
                ["cargo", "build", "-q", "--features", "cli", "--bin", "ocop"],
                cwd=ROOT,
                check=True,
            )
            meta = json.loads(
                subprocess.run(
                    ["cargo", "metadata", "--no-deps", "--format-version", "1"],
                    cwd=ROOT,
                    check=True,
                    capture_output=True,
                ).stdout
            )
            _cli = str(Path(meta["target_directory"]) / "debug" / "ocop")
    return _cli


def run(args: Sequence[str], input: Optional[str] = None) -> str:
    """What `ocop ARGS` writes to stdout; exit 1 (rejected lines) is fine."""
    r = subprocess.run(
        [cli(), *args],
        cwd=ROOT,
        input=None if input is None else input.encode(),
        capture_output=True,
    )
    assert r.returncode in (0, 1), f"ocop {' '.join(args)}: {r.stderr.decode()}"
    return r.stdout.decode()


def run_full(args: Sequence[str], input: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [cli(), *args], cwd=ROOT, input=input.encode(), capture_output=True
    )


def generated(lines: int = 6000) -> Path:
    """A generated file over every set of every edition (examples/generate.rs),
    the one the Node suite uses."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"all-{lines}.jsonl"
    if not path.exists():
        text = subprocess.run(
            ["cargo", "run", "-q", "--example", "generate", "--", str(lines), "all"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        path.write_bytes(text)
    return path


def examples() -> List[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".json", ".jsonl"))


def lines(text: str) -> List[str]:
    """Lines of a JSON Lines text, without the final empty one."""
    out = text.split("\n")
    if out and out[-1] == "":
        out.pop()
    return out


@pytest.fixture(scope="session")
def sample() -> str:
    return SAMPLE_FILE.read_text(encoding="utf-8").strip()


class Counter:
    lines = 0


@pytest.fixture(scope="session")
def compared() -> Counter:
    return Counter()
