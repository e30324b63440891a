#!/usr/bin/env bash
# Fuzzes one Jazzer @FuzzTest for a bounded time, at the lowest CPU priority.
#   hosts/fuzz.sh <module> <Class#method> [minutes]     e.g.
#   hosts/fuzz.sh hosts/api MultipartParserFuzzTest#parsesWithinLimitsOrRefuses 10
# New corpus entries go to <module>/.cifuzz-corpus/ (git-ignored). A finding stops the run, fails the
# test and is written to <module>/src/test/resources/<package>/<Class>Inputs/<method>/crash-<sha1>:
# fix the bug, then rename the file (it stays as a regression input for plain `mvn test`).
set -euo pipefail
if [[ $# -lt 2 ]]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
module=$1
target=$2
minutes=${3:-10}
cd "$(dirname "$0")/.."
mkdir -p "$module/target"
log="$module/target/fuzz-${target//#/_}.log"

# Coverage feedback from our classes and the parsers they hand bytes to (jars are not instrumented
# by default, only class directories). Override with JAZZER_INSTRUMENT=glob,glob.
instrument=${JAZZER_INSTRUMENT:-dev.skyhook.**,org.apache.commons.fileupload2.**,com.fasterxml.jackson.**,com.drew.**,com.twelvemonkeys.**}

# One fuzz test per JVM; the heap cap turns a runaway allocation into a finding instead of a swap storm.
set +e
JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${minutes}m" JAZZER_INSTRUMENT="$instrument" nice -n 19 \
  ./mvnw -o -q test -pl "$module" -am -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine=-Xmx1g 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# libFuzzer's summary: total executions and time, the last status line (coverage, exec/s), any finding.
echo "---"
grep -a -E '^Done [0-9]+ runs' "$log" | tail -1 || true
grep -a -E '^#[0-9]+' "$log" | tail -1 || true
grep -a -E 'Test unit written to|^Caused by: ' "$log" | head -4 || true
echo "full log: $log"
exit "$status"
