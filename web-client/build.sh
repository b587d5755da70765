#!/usr/bin/env bash
# Builds the web client into dist/ at the repository root, which `renda serve` serves at /.
#
#   web-client/build.sh            release build (what the README's run command uses)
#
# Uses only local tools: the wasm32 target from rustup and wasm-bindgen-cli of exactly the
# version that Cargo.lock pins for the wasm-bindgen crate (installed with cargo if missing).
# Nothing is downloaded at build time besides crates. The wasm build has its own target
# directory (CARGO_TARGET_DIR, default target/wasm) so it never invalidates the server's.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

target_dir="${RENDA_WASM_TARGET_DIR:-${CARGO_TARGET_DIR:-$root/target}/wasm}"
out="$root/dist"

# 1. The wasm32 target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "build.sh: installing the wasm32-unknown-unknown target" >&2
    rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli pinned to Cargo.lock's wasm-bindgen.
version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$version" ]; then
    echo "build.sh: wasm-bindgen not found in Cargo.lock" >&2
    exit 1
fi
if ! command -v wasm-bindgen >/dev/null 2>&1 || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$version" ]; then
    echo "build.sh: installing wasm-bindgen-cli $version (takes a few minutes, once)" >&2
    cargo install wasm-bindgen-cli --version "$version" --force
fi

# 3. The release wasm, optimised for size (the profile is overridden for this build only).
CARGO_TARGET_DIR="$target_dir" \
CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
CARGO_PROFILE_RELEASE_LTO=fat \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
CARGO_PROFILE_RELEASE_PANIC=abort \
CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo build -p renda-web --target wasm32-unknown-unknown --release

# 4. JavaScript bindings and the static files.
rm -rf "$out.tmp"
mkdir -p "$out.tmp/pkg"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$out.tmp/pkg" \
    "$target_dir/wasm32-unknown-unknown/release/renda_web.wasm"
cp "$here/index.html" "$out.tmp/index.html"
cp -R "$here/static/." "$out.tmp/"
# Cache busting: index.html names the files with a hash of their content.
wasm_hash="$(sha256sum "$out.tmp/pkg/renda_web_bg.wasm" | cut -c1-12)"
js_hash="$(sha256sum "$out.tmp/pkg/renda_web.js" | cut -c1-12)"
css_hash="$(sha256sum "$out.tmp/style.css" | cut -c1-12)"
sed -i -e "s/__WASM_HASH__/$wasm_hash/g" -e "s/__JS_HASH__/$js_hash/g" -e "s/__CSS_HASH__/$css_hash/g" "$out.tmp/index.html"
rm -rf "$out"
mv "$out.tmp" "$out"

raw=$(stat -c %s "$out/pkg/renda_web_bg.wasm")
gz=$(gzip -9 -c "$out/pkg/renda_web_bg.wasm" | wc -c)
echo "build.sh: built $out"
awk -v raw="$raw" -v gz="$gz" 'BEGIN { printf "build.sh: wasm size %d bytes raw (%.1f KiB), %d bytes gzipped (%.1f KiB)\n", raw, raw / 1024, gz, gz / 1024 }'
