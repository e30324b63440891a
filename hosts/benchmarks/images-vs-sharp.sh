#!/usr/bin/env bash
# Skyhook's image codecs (libvips through FFM, and ImageIO) side by side with sharp, interleaved in one sitting:
# ROUNDS x (sharp's peer bench.js, then CodecSideBySide on libvips, then on ImageIO), each a warm process with
# 2 warm-ups and 15 timed runs per operation (median). Then bytes and SSIM of the 400-px variants against
# libvips' Lanczos-3 reduction, and WebP/AVIF through sharp at several qualities for bytes at matched SSIM.
# Usage (after ./mvnw -q -DskipTests package -pl hosts/benchmarks -am, with JAVA_HOME a JDK 25):
#   hosts/benchmarks/images-vs-sharp.sh PEER_DIR [ROUNDS]
# PEER_DIR: a writable copy of the sharp peer (bench.js, package.json with sharp 0.35.5); src.jpg is made there
# with SEED=42 if missing. Needs node/npm, Debian's imagemagick and libvips-tools (for the reference).
set -euo pipefail
peer=$(cd "${1:?usage: images-vs-sharp.sh PEER_DIR [ROUNDS]}" && pwd)
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
out=$here/target/vs-sharp
mkdir -p "$out"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export LIBVIPS_PATH=${LIBVIPS_PATH:-$here/../../adapters-local/target/native/linux-$("$java" -XshowSettings:properties -version 2>&1 | awk '/os.arch/ {print $3}')/libvips-cpp.so.8.18.8}
run_java() { "$java" --enable-native-access=ALL-UNNAMED -cp "$here/target/benchmarks.jar" "$@"; }

cd "$peer"
[ -d node_modules/sharp ] || npm install --no-audit --no-fund
[ -f src.jpg ] || /usr/bin/convert -seed 42 -size 4000x3000 plasma:fractal -blur 0x1.5 -attenuate 0.4 +noise Gaussian -quality 92 src.jpg
md5sum src.jpg | tee "$out/src.md5"
{ "$java" -version 2>&1 | head -1; node --version; nproc; uptime; } | tee "$out/versions.txt"

for round in $(seq 1 "$rounds"); do
  node bench.js default src.jpg > "$out/sharp_r$round.json"
  run_java dev.skyhook.benchmarks.CodecSideBySide libvips src.jpg "$out" 2>/dev/null > "$out/libvips_r$round.json"
  run_java dev.skyhook.benchmarks.CodecSideBySide imageio src.jpg "$out" 2>/dev/null > "$out/imageio_r$round.json"
done
cp out_b_rotate_resize400_q90.jpg "$out/sharp_resize400_q90.jpg"

node - "$out" "$rounds" <<'JS' | tee "$out/timings.md"
const fs = require('fs'); const [out, rounds] = process.argv.slice(2);
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const ops = [['reencode_q90', 'a_reencode_q90'], ['resize400_q90', 'b_rotate_resize400_q90']];
console.log('| operation | sharp ms | libvips (FFM) ms | ratio | ImageIO ms | ratio | bytes sharp / libvips / ImageIO |');
console.log('|---|---|---|---|---|---|---|');
for (const [mine, theirs] of ops) {
  const r = (name, key) => [...Array(+rounds).keys()].map((i) => JSON.parse(fs.readFileSync(`${out}/${name}_r${i + 1}.json`)).results[key]);
  const s = r('sharp', theirs), v = r('libvips', mine), j = r('imageio', mine);
  const ms = (xs) => med(xs.map((x) => x.median_ms));
  console.log(`| ${mine} | ${ms(s).toFixed(1)} | ${ms(v).toFixed(1)} | ${(ms(v) / ms(s)).toFixed(2)}x | ${ms(j).toFixed(1)} | ${(ms(j) / ms(s)).toFixed(2)}x | ${s[0].out_bytes} / ${v[0].out_bytes} / ${j[0].out_bytes} |`);
}
JS

# Quality: every 400-px variant against libvips' Lanczos-3 reduction of the same photo.
vips resize src.jpg "$out/reference400.png" 0.1 --kernel lanczos3
NODE_PATH=$peer/node_modules node "$here/vs-sharp/formats.js" src.jpg "$out" 50 60 70 75 80 85 90
run_java dev.skyhook.benchmarks.Ssim "$out/reference400.png" "$out/sharp_resize400_q90.jpg" "$out/libvips_resize400_q90.jpg" \
  "$out/imageio_resize400_q90.jpg" "$out"/sharp_resize400_webp_q*.webp "$out"/sharp_resize400_avif_q*.avif 2>/dev/null | tee "$out/ssim.tsv"
