#!/usr/bin/env bash
# Builds the Python package into a fresh virtual environment and runs its
# pytest suite (parity with the command, errors, frames, the docstrings'
# and README's examples).
#
#   bash bindings/python/ci.sh
#
# Needs the Rust toolchain, python3 (3.9 or later, with venv) and PyPI.
# OCOP_CLI names an already built `ocop` command to compare with (.ci/run
# passes target/debug/ocop); without it the suite builds one. The package
# is built in the dev profile: a release build takes several minutes more
# on two cores, and the suite checks output, not speed (BENCHMARKS.md
# measures the release wheel).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

py=${PYTHON:-python3}
if ! "$py" -c 'import venv, ensurepip' 2>/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-venv python3-pip >/dev/null
  fi
fi
venv=$(mktemp -d)/venv
trap 'rm -rf "$(dirname "$venv")"' EXIT
"$py" -m venv "$venv"
# The root's target directory: the dependencies the root's own build
# compiled (the same versions: Cargo.lock here is the root's plus PyO3)
# are not compiled again.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
start=$(date +%s)
MATURIN_PEP517_ARGS="--profile dev" \
  "$venv/bin/python" -m pip install -q "$here[pandas,polars,test]" mypy
echo "ci.sh: package built and installed in $(( $(date +%s) - start )) s"
cd "$here"
# The types the package declares (py.typed) hold.
"$venv/bin/python" -m mypy --strict --cache-dir=/dev/null python/ocop
# The suite imports the installed package, never the source tree.
OCOP_CLI="${OCOP_CLI:-}" "$venv/bin/python" -m pytest -q -p no:cacheprovider tests
