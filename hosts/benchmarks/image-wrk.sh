#!/usr/bin/env bash
# The local server under a mixed variant load (wrk, hosts/benchmarks/wrk/mixed-variants.lua): libvips with
# JPEG, WebP and AVIF chosen by Accept in turn, then libvips and ImageIO with JPEG only (ImageIO encodes no
# WebP or AVIF): requests/s, latency percentiles, status counts, and the server's resident set before and
# after. IMAGE_VARIANTS_PER_SOURCE=1 keeps all but one variant of each photo from being stored, so the
# load renders on (almost) every request: it measures the codec, not the store.
# Usage (after ./mvnw -q -DskipTests package -pl hosts/server -am, JAVA_HOME a JDK 25; Debian's wrk and
# libvips-tools): hosts/benchmarks/image-wrk.sh PHOTO.jpg... [-- DURATION CONNECTIONS]
# Photos: e.g. the JPEGs of scikit-image that formats-at-matched-ssim.sh unpacks.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$here/../server/target/skyhook-server.jar
out=$here/target/wrk
mkdir -p "$out"
photos=(); while [ $# -gt 0 ] && [ "$1" != "--" ]; do photos+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"); shift; done
[ "${1:-}" = "--" ] && shift
duration=${1:-30s}; connections=${2:-4}
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
port=18089
rss() { awk '/VmRSS/ {print int($2 / 1024) " MB"}' "/proc/$1/status"; }

for run in libvips:all libvips:jpeg imageio:jpeg; do
  codec=${run%:*} mix=${run#*:}
  data=$(mktemp -d)
  IMAGE_CODEC=$codec IMAGE_VARIANTS_PER_SOURCE=1 DATA_DIR=$data PORT=$port \
    "$java" -Xmx1g --enable-native-access=ALL-UNNAMED -jar "$jar" > "$out/server-$codec-$mix.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do curl -sf "localhost:$port/health" > /dev/null && break; sleep 1; done
  key=$(curl -s "localhost:$port/demo/session" | sed 's/.*"apiKey":"\([^"]*\)".*/\1/')
  paths=""
  for photo in "${photos[@]}"; do
    url=$(curl -s -H "x-api-key: $key" -F "file=@$photo" "localhost:$port/images/post" | sed 's/.*"\(http[^"]*\)".*/\1/')
    paths="$paths /img/${url#*/blobs/}"
  done
  before=$(rss $server)
  MIX=$mix PATHS=$paths wrk -t2 -c"$connections" -d"$duration" --timeout 15s -s "$here/wrk/mixed-variants.lua" \
    "http://localhost:$port" > "$out/wrk-$codec-$mix.txt"
  after=$(rss $server)
  { echo "## $codec, $mix"; cat "$out/wrk-$codec-$mix.txt"; echo "server RSS before $before, after $after";
    echo "statuses:" $(grep -o '"status":[0-9]*' "$out/server-$codec-$mix.log" | sort | uniq -c); } | tee -a "$out/summary.txt"
  kill $server; wait $server 2>/dev/null || true
  rm -rf "$data"
done
