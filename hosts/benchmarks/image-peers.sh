#!/bin/sh
# Image delivery side by side with libvips and ImageMagick on one 12 MP photo-like JPEG.
# Needs: apt-get install -y libvips-tools imagemagick hyperfine; run from the repository root after
#   ./mvnw -q -DskipTests package -pl hosts/benchmarks -am
set -eu
java="${JAVA_HOME:+$JAVA_HOME/bin/}java" # the build's JDK 25 when JAVA_HOME names it
cd "$(dirname "$0")"
mkdir -p target/peers
PHOTO=target/photo-12mp.jpg
MAGICK=/usr/bin/convert # Debian's own, not a stand-in earlier on PATH
if [ ! -f "$PHOTO" ]; then
  # Photo-like: plasma fractal (smooth areas, edges, noise), 4000x3000, quality 92.
  "$MAGICK" -seed 7 -size 4000x3000 plasma:fractal -blur 0x1 -quality 92 "$PHOTO"
fi
"$java" -version 2>&1 | head -1
vips --version
echo "photo: $(stat -c %s "$PHOTO") bytes, $(vipsheader "$PHOTO")"

# libvips turns chroma subsampling off at Q >= 90; ImageIO always writes 4:2:0, so the
# subsample_mode=on runs are the like-for-like byte counts. `vips --version` is the process start.
hyperfine -N --warmup 3 --runs 15 --export-markdown target/peers/hyperfine.md \
  "vips --version" \
  "vips thumbnail $PHOTO target/peers/vips-400.jpg[Q=90] 400" \
  "vips thumbnail $PHOTO target/peers/vips-400-420.jpg[Q=90,subsample_mode=on] 400" \
  "vips copy $PHOTO target/peers/vips-q90.jpg[Q=90]" \
  "vips copy $PHOTO target/peers/vips-q90-420.jpg[Q=90,subsample_mode=on]" \
  "$MAGICK -define jpeg:size=800x600 $PHOTO -thumbnail 400x -quality 90 target/peers/magick-400.jpg"

for f in vips-400 vips-400-420 vips-q90 vips-q90-420 magick-400; do
  echo "bytes $f: $(stat -c %s target/peers/$f.jpg)"
done

"$java" -jar target/benchmarks.jar ImageVariantBenchmark -p photo="$PHOTO"
