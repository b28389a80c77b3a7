#!/usr/bin/env bash
# Builds the app: the npm package (bindings/wasm/build.sh, which installs
# what it needs), then app/dist/ocop.html and app/dist/static/ from it.
# Usage: bash app/build.sh   (from anywhere; needs Node 18 or later)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/../bindings/wasm/build.sh"
node "$here/build.mjs"
