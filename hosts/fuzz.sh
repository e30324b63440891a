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

# Coverage feedback from our classes and the parsers they hand bytes to (jars are not instrumented
# by default, only class directories). Override with JAZZER_INSTRUMENT=glob,glob.
instrument=${JAZZER_INSTRUMENT:-dev.skyhook.**,org.apache.commons.fileupload2.**,com.fasterxml.jackson.**,com.drew.**,com.twelvemonkeys.**}

status=0
# One fuzz test per JVM; the heap cap turns a runaway allocation into a finding instead of a swap storm.
JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${minutes}m" JAZZER_INSTRUMENT="$instrument" nice -n 19 \
  mvn -o -q test -pl "$module" -am -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine=-Xmx1g || status=$?

class=${target%%#*}
log=$(ls "$module"/target/surefire-reports/*."$class"-output.txt 2>/dev/null | head -1 || true)
if [[ -n "$log" ]]; then
  # libFuzzer's last status line: total executions, coverage, exec/s.
  grep -E '^#[0-9]+' "$log" | tail -1 || true
  grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|== Java Exception|crash-' "$log" || true
  echo "full log: $log"
fi
exit $status
