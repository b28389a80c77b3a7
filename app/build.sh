#!/usr/bin/env bash
# Builds the app: app/dist/ocop.html (one file) and app/dist/static/.
# Usage: bash app/build.sh   (from anywhere; needs Node 18 or later)
#
# 1. bindings/wasm/build.sh: the npm package, and the tools it installs
#    when missing (the wasm32 target, wasm-bindgen-cli, binaryen).
# 2. The page's own module: the same crate with its `docx`, `workbook` and
#    `report` features (Phần
#    III as a Word document), which the npm package leaves out to stay in
#    its size budget; its web glue goes to app/.wasm/.
# 3. node app/build.mjs: the page from app/src and app/.wasm/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/../bindings/wasm/build.sh"
cd "$here/../bindings/wasm"
cargo build --release --target wasm32-unknown-unknown --locked --features docx,workbook,report
out="$here/.wasm"
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/release/ocop_wasm.wasm
rm -f "$out"/*.d.ts "$out/package.json"
bg="$out/ocop_wasm_bg.wasm"
if command -v wasm-opt >/dev/null \
  && wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types \
    --enable-multivalue "$bg" -o "$bg.opt" 2>/dev/null \
  && [ "$(gzip -9c "$bg.opt" | wc -c)" -lt "$(gzip -9c "$bg" | wc -c)" ]; then
  mv "$bg.opt" "$bg"
fi
rm -f "$bg.opt"
node "$here/build.mjs"
