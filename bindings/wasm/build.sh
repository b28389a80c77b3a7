#!/usr/bin/env bash
# Builds the npm package `ocop` into bindings/wasm/pkg/: the crate's scorer
# compiled to WebAssembly, wasm-bindgen glue for Node (CommonJS) and the
# web (ES module), the JavaScript face in js/, and TypeScript declarations.
#
# Needs only the Rust toolchain and network access to crates.io; installs
# the wasm32 target and wasm-bindgen-cli (at the exact version of the
# wasm-bindgen crate in Cargo.lock) when missing, and uses Debian's
# binaryen for wasm-opt when it is there or can be installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

say() { echo "build.sh: $*" >&2; }

# 1. Tools.
if command -v rustup >/dev/null \
  && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install --locked --version "$want" wasm-bindgen-cli
fi
if ! command -v wasm-opt >/dev/null && command -v apt-get >/dev/null \
  && [ "$(id -u)" = 0 ]; then
  say "installing binaryen for wasm-opt"
  apt-get install -y --no-install-recommends binaryen >/dev/null 2>&1 \
    || (apt-get update -qq && apt-get install -y --no-install-recommends binaryen >/dev/null 2>&1) \
    || say "binaryen not installable; the .wasm is left as the compiler wrote it"
fi

# 2. Compile (Cargo.toml's release profile: opt-level z, LTO, panic=abort),
#    with the province report's page (feature `report`: 433 KB gzipped
#    against 365 KB without, in the 450 KB budget).
cargo build --release --target wasm32-unknown-unknown --locked --features report
wasm=target/wasm32-unknown-unknown/release/ocop_wasm.wasm

# 3. Glue, and wasm-opt where it takes what rustc emits and makes the
#    gzipped file smaller (an old binaryen can make it larger).
rm -rf pkg
mkdir -p pkg
gz() { gzip -9c "$1" | wc -c; }
for target in nodejs web; do
  dir=pkg/$([ $target = nodejs ] && echo node || echo web)
  wasm-bindgen --target "$target" --out-dir "$dir" "$wasm"
  bg="$dir/ocop_wasm_bg.wasm"
  if command -v wasm-opt >/dev/null; then
    if wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types \
      --enable-multivalue "$bg" -o "$bg.opt" 2>/dev/null \
      && [ "$(gz "$bg.opt")" -lt "$(gz "$bg")" ]; then
      mv "$bg.opt" "$bg"
    else
      say "wasm-opt left out: it failed or did not shrink the gzipped file"
      rm -f "$bg.opt"
    fi
  fi
  # The package's own declarations replace the raw ones.
  rm -f "$dir"/*.d.ts "$dir/package.json"
done

# 4. The package.
cp js/index.cjs js/index.node.mjs js/web.mjs js/wrap.mjs js/index.d.ts js/README.md pkg/
# One source for the face: its CommonJS copy.
sed -e 's/^export function wrap/function wrap/' js/wrap.mjs > pkg/wrap.cjs
echo 'module.exports = { wrap };' >> pkg/wrap.cjs
version=$(awk -F'"' '/^version = / { print $2; exit }' ../../Cargo.toml)
cat > pkg/package.json <<JSON
{
  "name": "ocop",
  "version": "$version",
  "description": "Scores OCOP evaluations (Vietnam's One Commune One Product) exactly as the ocop Rust crate does: WebAssembly, every edition embedded",
  "license": "MIT OR Apache-2.0",
  "main": "./index.cjs",
  "module": "./web.mjs",
  "browser": "./web.mjs",
  "types": "./index.d.ts",
  "exports": {
    ".": {
      "types": "./index.d.ts",
      "node": { "import": "./index.node.mjs", "require": "./index.cjs" },
      "browser": "./web.mjs",
      "default": "./web.mjs"
    }
  },
  "files": ["*.cjs", "*.mjs", "*.d.ts", "node/", "web/", "README.md"],
  "engines": { "node": ">=18" },
  "sideEffects": false
}
JSON
say "pkg/ ready: $(gz pkg/node/ocop_wasm_bg.wasm) bytes gzipped (.wasm $(wc -c < pkg/node/ocop_wasm_bg.wasm) bytes)"
