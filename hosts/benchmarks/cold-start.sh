#!/bin/sh
# Cold starts through the real AWS Lambda Runtime Interface Client, side by side in one run: the
# Dagger Lambda host, the Micronaut api-proxy host, a constant handler (the floor) and a bare JVM;
# with --variants, also restores of a CRIU checkpoint (emulated SnapStart, docs/cold-start.md) and
# the original Wild Rydes function.
# Starts MariaDB, S3Proxy and DynamoDB Local first (not timed). Options: cold-start.sh --help.
# Build first, from the repository root:
#   ./mvnw -q -DskipTests package -pl hosts/lambda,hosts/server,hosts/benchmarks -am
set -eu
cd "$(dirname "$0")"
for built in target/cold-start.classpath target/lambda-runtime.classpath target/classes \
             ../lambda/target/skyhook-lambda.zip ../server/target/skyhook-server.jar; do
  if [ ! -e "$built" ]; then
    echo "$built is missing; build first: ./mvnw -q -DskipTests package -pl hosts/lambda,hosts/server,hosts/benchmarks -am" >&2
    exit 1
  fi
done
# DynamoDB Local runs in this JVM and loads SQLite with System.load: native access allowed.
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "target/classes:$(cat target/cold-start.classpath)" \
  dev.skyhook.benchmarks.coldstart.ColdStartBenchmark "$@"
