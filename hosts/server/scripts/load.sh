#!/usr/bin/env bash
# Load drill: wrk against the local server jar on loopback with a mix of GET /hello, GET /users/{id},
# POST /users and POST /ride (load.lua), then checks that nothing failed, that every 201 was stored
# and that memory stayed flat. Starts and stops its own server on a fresh data directory.
# Usage (from the repository root, after `mvn -q -DskipTests package`):
#   hosts/server/scripts/load.sh [seconds=60] [connections=64]
# Environment: THREADS (wrk threads, 2), JAVA_OPTS (-Xmx256m), RIDE_BUSY_SECONDS (0: every unicorn
# always free, as in the original; the default 60 would answer most rides 503 "every unicorn is on a ride").
set -euo pipefail
java="${JAVA_HOME:+$JAVA_HOME/bin/}java" # the build's JDK 25 when JAVA_HOME names it
duration=${1:-60}
connections=${2:-64}
threads=${THREADS:-2}
setup_users=100
here=$(cd "$(dirname "$0")" && pwd)
jar=hosts/server/target/skyhook-server.jar

if ! command -v wrk > /dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    apt-get install -y -qq wrk > /dev/null
  else
    echo "wrk is missing: sudo apt-get install -y wrk" >&2
    exit 2
  fi
fi
[ -f "$jar" ] || { echo "no $jar: run mvn -q -DskipTests package first" >&2; exit 2; }

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
server=""
sampler=""
heap_sampler=""
stop_server() {
  if [ -n "$server" ] && kill -0 "$server" 2> /dev/null; then
    kill "$server"
    for _ in $(seq 1 100); do kill -0 "$server" 2> /dev/null || break; sleep 0.2; done
    kill -9 "$server" 2> /dev/null || true
  fi
  wait "$server" 2> /dev/null || true
}
trap 'for job in $sampler $heap_sampler; do kill "$job" 2> /dev/null || true; done; stop_server; rm -rf "$work"' EXIT

# The access log (one JSON line per request) goes to a file, as it would to CloudWatch.
DATA_DIR="$work/data" PORT="$port" API_KEYS="" RIDE_BUSY_SECONDS="${RIDE_BUSY_SECONDS:-0}" \
  "$java" ${JAVA_OPTS:--Xmx256m} -jar "$jar" > "$work/access.log" 2> "$work/server.log" &
server=$!
for _ in $(seq 1 120); do curl -fs "$base/hello" > /dev/null && break; sleep 0.5; done
curl -fs "$base/hello" > /dev/null || { echo "the server did not start:"; cat "$work/server.log"; exit 1; }

first_id=""
for i in $(seq 1 "$setup_users"); do
  id=$(curl -fsS -X POST "$base/users" -H 'Content-Type: application/json' -d "{\"name\":\"setup $i\",\"age\":30}" \
    | sed 's/.*"id":\([0-9]*\).*/\1/')
  first_id=${first_id:-$id}
done
last_id=$id
token=$(curl -fsS -X POST "$base/auth/demo-token" -H 'Content-Type: application/json' -d '{"username":"load_rider"}' \
  | sed 's/.*"token":"\([^"]*\)".*/\1/')

heap_after_gc() { # used heap in KiB after a full GC
  jcmd "$server" GC.run > /dev/null 2>&1 || true
  jcmd "$server" GC.heap_info 2> /dev/null | awk '/garbage-first heap|def new generation|PSYoungGen/ {for (i = 1; i <= NF; i++) if ($i == "used") {print int($(i + 1)); exit}}'
}
heap_start=$(heap_after_gc)
( while kill -0 "$server" 2> /dev/null; do ps -o rss= -p "$server" >> "$work/rss"; sleep 1; done ) &
sampler=$!
# What survives a full GC, every 15 s during the run (each costs one short pause): a leak keeps climbing.
: > "$work/heap"
( sleep 15; for _ in $(seq 2 $((duration / 15))); do heap_after_gc >> "$work/heap"; sleep 15; done ) &
heap_sampler=$!

echo "wrk -t$threads -c$connections -d${duration}s against $base (server pid $server, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
timeout $((duration + 60)) wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$here/load.lua" "$base" \
  -- "$token" "$first_id" "$last_id" > "$work/wrk.out"
wait "$heap_sampler" 2> /dev/null || true
heap_end=$(heap_after_gc)
jcmd "$server" GC.class_histogram 2> /dev/null | sed -n '4,9p' > "$work/histogram" || true
kill "$sampler" 2> /dev/null || true
users_listed=0
after=0
while :; do # every user through the API, a page at a time
  page=$(curl -fsS "$base/users?limit=500&after=$after")
  users_listed=$((users_listed + $(grep -o '"id":' <<< "$page" | wc -l)))
  next=$(sed -n 's/.*"next":\([0-9]*\).*/\1/p' <<< "$page")
  [ -n "$next" ] || break
  after=$next
done
stop_server

count() { awk -v key="$1" '$1 == "COUNT" { k = $2; for (i = 3; i < NF; i++) k = k " " $i; if (k == key) n += $NF } END { print n + 0 }' "$work/wrk.out"; }
h2() { "$java" -cp "$jar" org.h2.tools.Shell -url "jdbc:h2:file:$work/data/skyhook;MODE=MySQL" -user sa -password "" -sql "$1" \
  | awk 'NR == 2 { print $1 }'; }
users_201=$(count "POST /users 201")
rides_201=$(count "POST /ride 201")
# What the server answered, from its access log. wrk stops with up to one request per connection in
# flight: the server completes those, but wrk never reads their answers.
logged() { grep -c "\"httpMethod\":\"POST\",\"resourcePath\":\"$1\",\"status\":201," "$work/access.log" || true; }
users_logged=$(( $(logged /users) - setup_users ))
rides_logged=$(logged /ride)
users_stored=$(h2 "SELECT COUNT(*) FROM Users")
rides_stored=$(h2 "SELECT COUNT(*) FROM Rides")
requests_stored=$(h2 "SELECT COUNT(*) FROM RideRequests")
# Expected statuses: 200 for reads, 201 for creates. 429 only if usage plans applied here (they guard uploads only).
unexpected=$(awk '$1 == "COUNT" && $NF > 0 && $(NF - 1) !~ /^(200|201|429)$/ { print }' "$work/wrk.out")
socket_errors=$(sed -n 's/^SOCKET_ERRORS //p' "$work/wrk.out")

echo
sed -n '/Thread Stats/,/Transfer\/sec/p' "$work/wrk.out" | grep -v '^  *[0-9]*%' | grep -v 'Latency Distribution'
grep '^LATENCY' "$work/wrk.out"
echo "responses by request and status:"
grep '^COUNT' "$work/wrk.out" | sed 's/^COUNT /  /' | sort
echo "socket errors: $socket_errors"
echo "users: 201 answers: $users_logged by the server (access log), $users_201 read by wrk; + $setup_users at setup;"
echo "       stored: $users_stored in H2, $users_listed through GET /users"
echo "rides: 201 answers: $rides_logged by the server, $rides_201 read by wrk; stored: $rides_stored in H2 (Rides), $requests_stored idempotency records"
sort -n "$work/rss" | tail -1 > "$work/rss-peak"
mib() { echo $(( ${1:-0} / 1024 )); }
echo "server RSS (MiB), sampled every second: start $(mib "$(head -1 "$work/rss")"), after 10 s $(mib "$(sed -n 10p "$work/rss")"),\
 peak $(mib "$(cat "$work/rss-peak")"), end $(mib "$(tail -1 "$work/rss")"); $(wc -l < "$work/rss") samples"
echo "RSS every 10 s (MiB): $(awk 'NR % 10 == 1 { printf "%d ", $1 / 1024 }' "$work/rss")"
echo "heap used after full GC (MiB): before $(mib "$heap_start"), every 15 s $(while read -r k; do printf '%d ' "$(mib "$k")"; done < "$work/heap"), after $(mib "$heap_end")"
echo "largest classes on the heap at the end (instances, bytes, class):"
sed 's/^ *[0-9]*: */  /' "$work/histogram"

failed=0
[ -z "$unexpected" ] || { echo "FAIL: unexpected statuses:"; echo "$unexpected"; failed=1; }
[ "$socket_errors" = "connect=0 read=0 write=0 timeout=0" ] || { echo "FAIL: socket errors"; failed=1; }
[ "$users_stored" -eq $((users_logged + setup_users)) ] && [ "$users_listed" -eq "$users_stored" ] \
  || { echo "FAIL: users stored differ from the 201 answers"; failed=1; }
[ "$rides_stored" -eq "$rides_logged" ] && [ "$requests_stored" -eq "$rides_logged" ] \
  || { echo "FAIL: rides stored differ from the 201 answers"; failed=1; }
cut_off=$(( users_logged - users_201 + rides_logged - rides_201 ))
[ "$cut_off" -ge 0 ] && [ "$cut_off" -le "$connections" ] \
  || { echo "FAIL: wrk read $cut_off fewer 201s than the server sent (at most one in flight per connection)"; failed=1; }
# Flat: what survives a full GC may grow with the data stored (H2's page cache), not with the requests.
[ $(( ${heap_end:-0} - ${heap_start:-0} )) -lt $((64 * 1024)) ] || { echo "FAIL: heap after GC grew by more than 64 MiB"; failed=1; }
[ "$failed" = 0 ] && echo "PASS" || exit 1
