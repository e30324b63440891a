#!/usr/bin/env bash
# Builds the Lambda zip and the server jar twice from a clean tree and compares their SHA-256 sums:
# an unchanged commit must give byte-identical artifacts (project.build.outputTimestamp in the parent pom),
# so redeploying it uploads nothing new and SnapStart publishes no new version.
# Usage: hosts/lambda/reproducible-build.sh [extra Maven options, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/../.."

artifacts=(hosts/lambda/target/skyhook-lambda.zip hosts/server/target/skyhook-server.jar)
first=$(mktemp -d)
trap 'rm -rf "$first"' EXIT

build() {
  ./mvnw -q clean package -DskipTests -Dskyhook.openapi.lint.skip=true -pl hosts/lambda,hosts/server -am "$@"
}

build "$@"
for artifact in "${artifacts[@]}"; do cp "$artifact" "$first/"; done
sleep 2 # a second build in the same second would hide a build time written into the artifacts
build "$@"

status=0
for artifact in "${artifacts[@]}"; do
  before=$(sha256sum < "$first/$(basename "$artifact")" | cut -d' ' -f1)
  after=$(sha256sum < "$artifact" | cut -d' ' -f1)
  if [ "$before" = "$after" ]; then
    echo "identical  $after  $artifact"
  else
    echo "DIFFERENT  $before -> $after  $artifact" >&2
    status=1
  fi
done
exit $status
