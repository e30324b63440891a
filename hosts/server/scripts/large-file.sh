#!/usr/bin/env bash
# A 200 MB file up and down through the local server started with a 64 MB heap, with curl.
# Usage (from the repository root, after `mvn -q -DskipTests package`): hosts/server/scripts/large-file.sh [MB]
set -euo pipefail
java="${JAVA_HOME:+$JAVA_HOME/bin/}java" # the build's JDK 25 when JAVA_HOME names it
size_mb=${1:-200}
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

head -c "$((size_mb * 1024 * 1024))" /dev/urandom > "$work/big.bin"
DATA_DIR="$work/data" PORT="$port" "$java" -Xmx64m -jar hosts/server/target/skyhook-server.jar > "$work/out.log" 2> "$work/err.log" &
server=$!
for _ in $(seq 1 120); do curl -fs "localhost:$port/hello" > /dev/null && break; sleep 0.5; done

# Files belong to a signed-in user: a demo token from the server itself.
token=$(curl -fsS -H 'Content-Type: application/json' -d '{"username":"large-file"}' "localhost:$port/auth/demo-token" \
  | sed 's/.*"token":"\([^"]*\)".*/\1/')

TIMEFORMAT=%R
up=$( { time curl -fsS -H "Authorization: $token" -F "file=@$work/big.bin" -F filename=big.bin "localhost:$port/files" > /dev/null; } 2>&1 )
url=$(curl -fsS -H "Authorization: $token" "localhost:$port/files?filename=big.bin" | sed 's/.*"url":"\([^"]*\)".*/\1/')
down=$( { time curl -fsS -o "$work/back.bin" "$url"; } 2>&1 )

sent=$(sha256sum < "$work/big.bin" | cut -d' ' -f1)
received=$(sha256sum < "$work/back.bin" | cut -d' ' -f1)
peak=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$server/status")
echo "${size_mb} MB at -Xmx64m: upload ${up} s, download ${down} s, server peak RSS ${peak} MiB"
[ "$sent" = "$received" ] && echo "sha256 matches: $sent" || { echo "sha256 MISMATCH"; exit 1; }
