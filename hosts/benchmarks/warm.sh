#!/usr/bin/env bash
# Warm invocations, Skyhook's functions and the originals side by side in one sitting, against the
# same servers: POST /ride (RidesHandler) and the original Wild Rydes requestUnicorn.js on one
# DynamoDB Local; GET /users (UsersHandler, 100 rows) and the original pymysql connect-per-request
# handler on one MariaDB (password checks on); and POST /images/post (a small JPEG, S3Proxy),
# which has no original beside it. Each run is a fresh process calling the handler in
# a loop for WARMUP then SECONDS seconds, as the originals' benchmark kit does; rounds alternate
# between the two sides. Skyhook runs under Lambda's java25 flags (C1 only) unless WARM_JVM_FLAGS
# says otherwise. Servers' CPU per call is read from /proc around each run.
#   warm.sh ORIGINALS_DIR      ORIGINALS_DIR: a writable copy of the originals' benchmark kit (wildrydes/ with
#                              requestUnicorn.js saved in it, rds/); see docs/performance.md
# Env: SECONDS_RUN (10), WARMUP (5), REPEATS (3), WARM_JVM_FLAGS, CASES ("ride users images": which
# paths run); BASELINE_ZIP: another build's
# skyhook-lambda.zip, whose rows ("before-...") run beside this build's. Results: target/warm/results.md
# Build first, from the repository root: ./mvnw -q -DskipTests package -pl hosts/benchmarks -am
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -ne 1 ] || [ ! -f "$1/wildrydes/bench.js" ] || [ ! -f "$1/rds/bench.py" ]; then
  echo "usage: warm.sh ORIGINALS_DIR (a copy of the original functions' benchmark kit: wildrydes/, rds/)" >&2; exit 2
fi
ORIGINALS=$(cd "$1" && pwd)
[ -f "$ORIGINALS/wildrydes/requestUnicorn.js" ] || { echo "$ORIGINALS/wildrydes/requestUnicorn.js is missing: save the original handler there" >&2; exit 2; }
SECONDS_RUN=${SECONDS_RUN:-10}; WARMUP=${WARMUP:-5}; REPEATS=${REPEATS:-3}; CASES=" ${CASES:-ride users images} "
has() { [[ $CASES == *" $1 "* ]]; }
JVM_FLAGS=${WARM_JVM_FLAGS:--XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:MaxHeapSize=870m}
PY=/usr/bin/python3
for built in target/cold-start.classpath target/lambda-runtime.classpath target/classes ../lambda/target/skyhook-lambda.zip; do
  [ -e "$built" ] || { echo "$built is missing; build first: ./mvnw -q -DskipTests package -pl hosts/benchmarks -am" >&2; exit 1; }
done
$PY -c 'import pymysql' 2>/dev/null || { echo "python3-pymysql is missing: apt-get install -y python3-pymysql" >&2; exit 1; }
[ -d "$ORIGINALS/wildrydes/node_modules/aws-sdk" ] || (cd "$ORIGINALS/wildrydes" && npm install --no-audit --no-fund)

OUT=$PWD/target/warm
rm -rf "$OUT"; mkdir -p "$OUT/task" "$OUT/runs"
(cd "$OUT/task" && unzip -q ../../../../lambda/target/skyhook-lambda.zip)
# What Lambda's java25 runtime puts on the class path (the client), then the deployment package.
CP="target/classes:$OUT/task:$OUT/task/lib/*:$(cat target/lambda-runtime.classpath)"
if [ -n "${BASELINE_ZIP:-}" ]; then
  mkdir -p "$OUT/baseline"; (cd "$OUT/baseline" && unzip -q "$(cd "$(dirname "$BASELINE_ZIP")" && pwd)/$(basename "$BASELINE_ZIP")")
fi
BASELINE_CP="target/classes:$OUT/baseline:$OUT/baseline/lib/*:$(cat target/lambda-runtime.classpath)"

java --enable-native-access=ALL-UNNAMED -Xmx1g -cp "target/classes:$(cat target/cold-start.classpath)" \
  dev.skyhook.benchmarks.warm.WarmBackends "$OUT/backends.env" > "$OUT/backends.log" 2>&1 &
BACKENDS=$!
trap 'kill $BACKENDS 2>/dev/null || true; wait $BACKENDS 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do [ -s "$OUT/backends.env" ] && break; kill -0 $BACKENDS || { cat "$OUT/backends.log"; exit 1; }; sleep 0.5; done
set -a; . "$OUT/backends.env"; set +a
MARIADB=$(pgrep -P "$BACKENDS" -f mysqld || pgrep -P "$BACKENDS" -f mariadbd)
export AWS_REGION=us-east-1 AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1
# Unicorns free at once: a busy time would leave the fleet of three busy after three bookings.
export RIDE_BUSY_SECONDS=0 LAMBDA_TASK_ROOT=$OUT/task AWS_LAMBDA_FUNCTION_NAME=skyhook-warm LOG_LEVEL=INFO
# DynamoDB Local takes only letters and digits as an access key id; Skyhook's client sends its own.
node_ddb() { (cd "$ORIGINALS/wildrydes" && AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local "$@"); }
node_ddb node setup.js
sed 's/"limit": "2", "after": "0"/"limit": "100"/; s/"limit": \["2"\], "after": \["0"\]/"limit": ["100"]/' \
  ../lambda/src/test/resources/events/rest-v1/get-users.json > "$OUT/get-users-100.json"
RIDE_EVENT=../lambda/src/test/resources/events/rest-v1/wild-rydes-request-unicorn.json
IMAGES_EVENT=../lambda/src/image/training-events/4-images.json

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# run CASE SERVER_PID RESULT COMMAND...: the command's output to /dev/null, the server's CPU ticks beside the result
run() {
  local name=$1 server=$2 result=$3; shift 3
  local before; before=$(ticks "$server")
  "$@" > /dev/null 2> "$OUT/runs/$name.err" || { echo "$name failed:"; tail -5 "$OUT/runs/$name.err"; exit 1; }
  echo "{\"case\":\"$name\",\"serverTicks\":$(( $(ticks "$server") - before )),\"result\":$(tail -1 "$result")}" >> "$OUT/runs.jsonl"
  echo "$name done"
}
skyhook() { java $JVM_FLAGS -cp "$CP" dev.skyhook.benchmarks.warm.WarmInvocations "$@"; }
baseline() { LAMBDA_TASK_ROOT=$OUT/baseline java $JVM_FLAGS -cp "$BASELINE_CP" dev.skyhook.benchmarks.warm.WarmInvocations "$@"; }
original_ride() { AWS_NODEJS_CONNECTION_REUSE_ENABLED=1 node_ddb node bench.js "$1" "$SECONDS_RUN" "$WARMUP"; }
original_users() { $PY "$ORIGINALS/rds/bench.py" "$SECONDS_RUN" a_seed_handler | tail -1 > "$1"; }

{ date -u; uname -r; nproc; lscpu | grep 'Model name'; java -version 2>&1 | head -1; node --version; $PY -c 'import pymysql; print("pymysql", pymysql.__version__)'; echo "JVM flags: $JVM_FLAGS"; } > "$OUT/system.txt"
# Warm-up of the servers' own JVM (DynamoDB Local), discarded.
if has ride; then
  node_ddb node bench.js "$OUT/runs/discarded.json" 5 2 > /dev/null
  skyhook dev.skyhook.hosts.lambda.RidesHandler "$RIDE_EVENT" 5 2 "$OUT/runs/discarded.json" > /dev/null 2>&1
fi
for rep in $(seq 1 "$REPEATS"); do
  r=$OUT/runs/r$rep
  if has ride; then
    run "original-ride-$rep" "$BACKENDS" "$r-original-ride.json" original_ride "$r-original-ride.json"
    run "skyhook-ride-$rep" "$BACKENDS" "$r-skyhook-ride.json" skyhook dev.skyhook.hosts.lambda.RidesHandler "$RIDE_EVENT" "$SECONDS_RUN" "$WARMUP" "$r-skyhook-ride.json"
    run "skyhook-ride-keyed-$rep" "$BACKENDS" "$r-skyhook-ride-keyed.json" skyhook dev.skyhook.hosts.lambda.RidesHandler "$RIDE_EVENT" "$SECONDS_RUN" "$WARMUP" "$r-skyhook-ride-keyed.json" --fresh-idempotency-key
    if [ -n "${BASELINE_ZIP:-}" ]; then
      run "before-ride-$rep" "$BACKENDS" "$r-before-ride.json" baseline dev.skyhook.hosts.lambda.RidesHandler "$RIDE_EVENT" "$SECONDS_RUN" "$WARMUP" "$r-before-ride.json"
      run "before-ride-keyed-$rep" "$BACKENDS" "$r-before-ride-keyed.json" baseline dev.skyhook.hosts.lambda.RidesHandler "$RIDE_EVENT" "$SECONDS_RUN" "$WARMUP" "$r-before-ride-keyed.json" --fresh-idempotency-key
    fi
  fi
  if has users; then
    if [ -n "${BASELINE_ZIP:-}" ]; then
      run "before-users-$rep" "$MARIADB" "$r-before-users.json" baseline dev.skyhook.hosts.lambda.UsersHandler "$OUT/get-users-100.json" "$SECONDS_RUN" "$WARMUP" "$r-before-users.json"
    fi
    run "original-users-$rep" "$MARIADB" "$r-original-users.json" original_users "$r-original-users.json"
    run "skyhook-users-$rep" "$MARIADB" "$r-skyhook-users.json" skyhook dev.skyhook.hosts.lambda.UsersHandler "$OUT/get-users-100.json" "$SECONDS_RUN" "$WARMUP" "$r-skyhook-users.json"
  fi
  if has images; then
    run "skyhook-images-$rep" "$BACKENDS" "$r-skyhook-images.json" skyhook dev.skyhook.hosts.lambda.ImagesHandler "$IMAGES_EVENT" "$SECONDS_RUN" "$WARMUP" "$r-skyhook-images.json"
  fi
done
$PY - "$OUT" "$SECONDS_RUN" <<'PY' | tee "$OUT/results.md"
import json, os, statistics, sys
out, seconds = sys.argv[1], float(sys.argv[2])
tick_ms = 1000.0 / os.sysconf('SC_CLK_TCK')
rows = {}
for line in open(os.path.join(out, 'runs.jsonl')):
    run = json.loads(line); r = run['result']; case = run['case'].rsplit('-', 1)[0]
    if 'inv_per_s' in r:      # the original ride (bench.js)
        rate, calls, p50, client = r['inv_per_s'], r['invocations'] + r['warmup_invocations'], r['p50_ms'], None
    elif 'req_per_s' in r:    # the original users handler (bench.py; 1 s warm-up not counted by it)
        rate, p50, client = r['req_per_s'], r['p50_ms'], None
        calls = r['requests'] * (r['duration_s'] + 1.0) / r['duration_s']
    else:                     # Skyhook (WarmInvocations)
        rate, calls, p50, client = r['callsPerS'], r['calls'] + r['warmupCalls'], r['p50Ms'], r['cpuMsPerCall']
    rows.setdefault(case, []).append((rate, p50, client, run['serverTicks'] * tick_ms / calls, r.get('unexpectedStatus', r.get('non201', 0))))
med = lambda xs: statistics.median(xs) if xs else float('nan')
print('| case | calls/s (median of %d) | all runs | p50 ms | client CPU ms/call | server CPU ms/call | other answers |' % len(next(iter(rows.values()))))
print('|---|---|---|---|---|---|---|')
for case, xs in rows.items():
    client = [x[2] for x in xs if x[2] is not None]
    print('| %s | %.0f | %s | %.2f | %s | %.3f | %d |' % (case, med([x[0] for x in xs]), ', '.join('%.0f' % x[0] for x in xs),
          med([x[1] for x in xs]), '%.3f' % med(client) if client else '-', med([x[3] for x in xs]), sum(x[4] for x in xs)))
rate = lambda case: med([x[0] for x in rows[case]])
print()
if 'original-ride' in rows:
    print('POST /ride: %.2fx the original (target >= 1.0x); with a fresh Idempotency-Key: %.2fx' % (rate('skyhook-ride') / rate('original-ride'), rate('skyhook-ride-keyed') / rate('original-ride')))
if 'original-users' in rows:
    print('GET /users: %.2fx the original connect-per-request handler (target >= 5x)' % (rate('skyhook-users') / rate('original-users')))
    if 'before-users' in rows:
        print('GET /users before these changes: %.2fx' % (rate('before-users') / rate('original-users')))
PY
