#!/bin/sh
# Cold starts of the container image with its AOT cache against the zip, through the real runtime
# interface client, on this JDK (Temurin 25 standing in for the image's Corretto 25). Trains the
# cache as the Dockerfile does, starts MariaDB, S3Proxy and DynamoDB Local first (not timed).
# Options: [--runs N] [--requests hello,users,ride,images] [--rounds R] [--work DIR].
# Build first, from the repository root: ./mvnw -q -DskipTests package -pl hosts/benchmarks -am
set -eu
cd "$(dirname "$0")"
for built in target/cold-start.classpath target/lambda-runtime.classpath target/classes \
             ../lambda/target/skyhook-lambda.zip ../lambda/target/skyhook-lambda-image/task; do
  if [ ! -e "$built" ]; then
    echo "$built is missing; build first: ./mvnw -q -DskipTests package -pl hosts/benchmarks -am" >&2
    exit 1
  fi
done
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "target/classes:$(cat target/cold-start.classpath)" \
  dev.skyhook.benchmarks.coldstart.ImageColdStartBenchmark "$@"
