#!/usr/bin/env bash
# Bytes of the 400-px WebP and AVIF variants against the JPEG's at the same SSIM, on real photos, through
# Skyhook's libvips codec (FormatsAtMatchedSsim). The photos are the colour photographs scikit-image ships
# (Debian's python3-skimage, downloaded and unpacked, not installed): astronaut and rocket (public domain,
# NASA and SpaceX), chelsea and coffee (CC0), hubble_deep_field (NASA, public domain), retina (CC0),
# ihc (no known copyright restrictions). Nothing of them is kept in the repository.
# Usage (after ./mvnw -q -DskipTests package -pl hosts/benchmarks -am, with JAVA_HOME a JDK 25; as root, or
# with the .deb already in target/matched-ssim): hosts/benchmarks/formats-at-matched-ssim.sh
# Needs apt-get and Debian's libvips-tools (the Lanczos-3 references).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/target/matched-ssim
mkdir -p "$out"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export LIBVIPS_PATH=${LIBVIPS_PATH:-$here/../../adapters-local/target/native/linux-$("$java" -XshowSettings:properties -version 2>&1 | awk '/os.arch/ {print $3}')/libvips-cpp.so.8.18.8}

cd "$out"
ls python3-skimage_*.deb >/dev/null 2>&1 || apt-get download python3-skimage
rm -rf skimage && dpkg-deb -x python3-skimage_*.deb skimage
data=$(find skimage -type d -path '*skimage/data' | head -1)
photos=()
for name in astronaut.png chelsea.png coffee.png rocket.jpg hubble_deep_field.jpg retina.jpg ihc.png; do
  cp "$data/$name" .
  width=$(vipsheader -f width "$name")
  vips resize "$name" "ref_$name.png" "$(awk "BEGIN {print 400 / $width}")" --kernel lanczos3
  photos+=("$out/$name")
done
"$java" --enable-native-access=ALL-UNNAMED -cp "$here/target/benchmarks.jar" dev.skyhook.benchmarks.FormatsAtMatchedSsim \
  "${photos[@]}" 2>/dev/null | tee "$out/matched-ssim.tsv"
