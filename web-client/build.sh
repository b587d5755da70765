#!/usr/bin/env bash
# Builds the web client into dist/ at the repository root, which `renda serve` serves at /.
#
#   web-client/build.sh            release build (what the README's run command uses)
#   RENDA_WASM_AREAS=suggestions web-client/build.sh   only that area's bundle
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

# 3. One release wasm per area of the app (see web-client/src/lib.rs), each optimised for
#    size (the profile is overridden for these builds only), with its JavaScript bindings.
#    RENDA_WASM_AREAS picks some (e.g. "suggestions") while working on one area.
areas=(${RENDA_WASM_AREAS:-registry meetings suggestions assessments assessment_schemes assessment_office assessment_duties})
rm -rf "$out.tmp"
mkdir -p "$out.tmp/pkg"
for area in "${areas[@]}"; do
    echo "build.sh: building the $area bundle" >&2
    CARGO_TARGET_DIR="$target_dir" \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
    CARGO_PROFILE_RELEASE_LTO=fat \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    CARGO_PROFILE_RELEASE_PANIC=abort \
    CARGO_PROFILE_RELEASE_DEBUG=false \
        cargo build -p renda-web --target wasm32-unknown-unknown --release \
            --no-default-features --features "$area"
    wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
        --out-dir "$out.tmp/pkg" --out-name "$area" \
        "$target_dir/wasm32-unknown-unknown/release/renda_web.wasm"
done

# 4. The static files. Cache busting: index.html names each file with a hash of its content.
cp "$here/index.html" "$out.tmp/index.html"
cp -R "$here/static/." "$out.tmp/"
hashes="{"
for area in "${areas[@]}"; do
    js_hash="$(sha256sum "$out.tmp/pkg/$area.js" | cut -c1-12)"
    wasm_hash="$(sha256sum "$out.tmp/pkg/${area}_bg.wasm" | cut -c1-12)"
    hashes="$hashes\"$area\":[\"$js_hash\",\"$wasm_hash\"],"
done
hashes="${hashes%,}}"
css_hash="$(sha256sum "$out.tmp/style.css" | cut -c1-12)"
sed -i -e "s/__BUNDLES__/$hashes/" -e "s/__CSS_HASH__/$css_hash/g" "$out.tmp/index.html"
rm -rf "$out"
mv "$out.tmp" "$out"

# 5. The size budget: at most 400 KB gzipped per bundle (issue 3), checked on every build.
limit="${RENDA_WASM_GZIP_LIMIT:-400000}"
echo "build.sh: built $out"
over=0
for area in "${areas[@]}"; do
    raw=$(stat -c %s "$out/pkg/${area}_bg.wasm")
    gz=$(gzip -9 -c "$out/pkg/${area}_bg.wasm" | wc -c)
    awk -v a="$area" -v raw="$raw" -v gz="$gz" 'BEGIN { printf "build.sh: %s wasm %d bytes raw (%.1f KiB), %d bytes gzipped (%.1f KiB)\n", a, raw, raw / 1024, gz, gz / 1024 }'
    if [ "$gz" -gt "$limit" ]; then
        echo "build.sh: the $area bundle is over the budget of $limit bytes gzipped" >&2
        over=1
    fi
done
exit "$over"
