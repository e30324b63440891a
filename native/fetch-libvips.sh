#!/usr/bin/env bash
# Fetches the self-contained libvips that sharp ships (npm package @img/sharp-libvips-linux-<arch>, LGPL-3.0-or-later)
# at a pinned version, checks the package's SHA-256, and puts the library with its licence notice into
#   DEST/linux-<os.arch>/   (os.arch as Java names it: amd64, aarch64)
# Usage: native/fetch-libvips.sh DEST [x64|arm64]...   (default: x64)
# The packed file is cached in ${SKYHOOK_NATIVE_CACHE:-~/.cache/skyhook/native}; npm is asked only when it is missing.
set -euo pipefail

VERSION=1.3.5
LIBRARY=libvips-cpp.so.8.18.8
declare -A SHA256=(
  [x64]=608d489355053a22215a3f6cf0f5741f907c3b5ff38b7fb5c9f4e84e8298e008
  [arm64]=f84ec2e063e030d8aaa223f6461b01788544a8aac4b989d7e33b0c6e3797bc1b
)
declare -A JAVA_ARCH=([x64]=amd64 [arm64]=aarch64)

dest=${1:?usage: fetch-libvips.sh DEST [x64|arm64]...}
shift
archs=("${@:-x64}")
cache=${SKYHOOK_NATIVE_CACHE:-$HOME/.cache/skyhook/native}
mkdir -p "$cache"

for arch in "${archs[@]}"; do
  sum=${SHA256[$arch]:?unknown architecture $arch (x64 or arm64)}
  packed=$cache/sharp-libvips-linux-$arch-$VERSION.tgz
  if ! { [ -f "$packed" ] && echo "$sum  $packed" | sha256sum -c --status; }; then
    work=$(mktemp -d "$cache/fetch.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && npm pack --silent "@img/sharp-libvips-linux-$arch@$VERSION" >/dev/null)
    fetched=$(ls "$work"/*.tgz)
    if ! echo "$sum  $fetched" | sha256sum -c --status; then
      echo "fetch-libvips: checksum mismatch for @img/sharp-libvips-linux-$arch@$VERSION: $(sha256sum "$fetched")" >&2
      exit 1
    fi
    mv -f "$fetched" "$packed" # atomic within the cache folder: concurrent builds see the whole file or none
    rm -rf "$work"
    trap - EXIT
  fi
  out=$dest/linux-${JAVA_ARCH[$arch]}
  if [ ! -f "$out/$LIBRARY" ] || [ "$packed" -nt "$out/$LIBRARY" ]; then
    mkdir -p "$out"
    tar -xzf "$packed" -C "$out" --strip-components=2 "package/lib/$LIBRARY"
    tar -xzf "$packed" -O package/README.md > "$out/LICENSES-libvips.md"
    tar -xzf "$packed" -O package/versions.json > "$out/versions-libvips.json"
    touch "$out/$LIBRARY"
  fi
done
