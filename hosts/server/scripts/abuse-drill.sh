#!/usr/bin/env bash
# Abuse drill: what a stranger can make the image endpoints do, for N seconds against the local
# server jar on loopback, with figures. The mix, all at once:
#   - scan bombs: a 5,000-scan progressive JPEG uploaded again and again (expected: 413, no decode),
#     and a copy put straight into the store (a source from before the rule: its variants are 413);
#   - large renders: four loops asking for uncached variants of a 49-megapixel JPEG with an EXIF
#     rotation (expected: 200, or 503 with Retry-After when the render pool is full);
#   - variant sweeps: w=1..4096 and q=1..100 over one image (expected: a few dozen stored variants);
#   - truncated uploads (expected: 400).
# Reports the answers by status, peak heap (from the GC log), peak RSS, threads and file
# descriptors (sampled from /proc every second), and the bytes stored.
# Usage (from the repository root, after `mvn -q -DskipTests package`):
#   hosts/server/scripts/abuse-drill.sh [seconds=60]
# Environment: JAVA_OPTS (-Xmx512m).
set -euo pipefail
duration=${1:-60}
jar=hosts/server/target/skyhook-server.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -q -DskipTests package first" >&2; exit 2; }

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
server=""
pids=()
stop_all() {
  for job in "${pids[@]}"; do kill "$job" 2> /dev/null || true; done
  if [ -n "$server" ] && kill -0 "$server" 2> /dev/null; then
    kill "$server"
    for _ in $(seq 1 100); do kill -0 "$server" 2> /dev/null || break; sleep 0.2; done
    kill -9 "$server" 2> /dev/null || true
  fi
  wait 2> /dev/null || true
}
trap 'stop_all; rm -rf "$work"' EXIT

# The inputs, made here with ImageIO (no files in the repository).
mkdir -p "$work/in"
cat > "$work/MakeInputs.java" <<'JAVA'
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

public class MakeInputs {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        byte[] big = jpeg(picture(7000, 7000), false);
        byte[] exif = {(byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1,
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
        ByteArrayOutputStream rotated = new ByteArrayOutputStream();
        rotated.write(big, 0, 2);
        rotated.write(exif);
        rotated.write(big, 2, big.length - 2);
        Files.write(dir.resolve("49mp.jpg"), rotated.toByteArray());
        Files.write(dir.resolve("small.jpg"), jpeg(picture(1000, 800), false));
        byte[] noisy = jpeg(noise(400, 300), false);
        Files.write(dir.resolve("truncated.jpg"), java.util.Arrays.copyOf(noisy, noisy.length / 2));
        Files.write(dir.resolve("bomb.jpg"), scans(jpeg(picture(2000, 2000), true), 5000));
    }

    static BufferedImage picture(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, w / 2, h / 3);
        g.dispose();
        return image;
    }

    static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) image.setRGB(x, y, random.nextInt(0xFFFFFF));
        return image;
    }

    static byte[] jpeg(BufferedImage image, boolean progressive) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        return bytes.toByteArray();
    }

    /** Repeats the last scan until there are {@code count}: a scan bomb. */
    static byte[] scans(byte[] jpeg, int count) {
        int i = 2, last = -1, end = -1, found = 0;
        while (i + 1 < jpeg.length) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xD9) { end = i; break; }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker != 0xDA) { i += 2 + length; continue; }
            last = i; found++;
            int j = i + 2 + length;
            while (!((jpeg[j] & 0xFF) == 0xFF && jpeg[j + 1] != 0 && ((jpeg[j + 1] & 0xFF) < 0xD0 || (jpeg[j + 1] & 0xFF) > 0xD7))) j++;
            i = j;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, end);
        for (int n = found; n < count; n++) out.write(jpeg, last, end - last);
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }
}
JAVA
java "$work/MakeInputs.java" "$work/in"

DATA_DIR="$work/data" PORT="$port" API_KEYS="" \
  java ${JAVA_OPTS:--Xmx512m} "-Xlog:gc:file=$work/gc.log" -jar "$jar" > "$work/access.log" 2> "$work/server.log" &
server=$!
for _ in $(seq 1 120); do curl -fs "$base/hello" > /dev/null && break; sleep 0.5; done
curl -fs "$base/hello" > /dev/null || { echo "the server did not start:"; cat "$work/server.log"; exit 1; }
grep -h "Image renders" "$work/access.log" "$work/server.log" | sed 's/.*Image renders/Image renders/' | head -1

upload() { # file -> the stored key, or nothing
  curl -s -F "file=@$1;type=image/jpeg" "$base/images/post" | sed -n 's|.*/blobs/\(post/[^"]*\)".*|\1|p'
}
big=$(upload "$work/in/49mp.jpg")
small=$(upload "$work/in/small.jpg")
[ -n "$big" ] && [ -n "$small" ] || { echo "the setup uploads failed"; exit 1; }
# A scan bomb that never went through the upload check (stored before the rule, or put in the bucket directly).
# FileSystemBlobStore's layout: one file per key under keys/, a header (magic, length, time stored,
# content type) in front of the bytes.
mkdir -p "$work/data/blobs/keys/post"
python3 - "$work/in/bomb.jpg" "$work/data/blobs/keys/post/old-bomb.jpg" <<'PY'
import struct, sys, time
data = open(sys.argv[1], 'rb').read()
kind = b'image/jpeg'
with open(sys.argv[2], 'wb') as out:
    out.write(b'SKYBLOB\x01' + struct.pack('>qqH', len(data), int(time.time() * 1000), len(kind)) + kind + data)
PY

status_of() { curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 "$@" >> "$work/statuses" || echo 000 >> "$work/statuses"; }
until_done() { [ "$(date +%s)" -lt "$end" ]; }
end=$(( $(date +%s) + duration ))

for loop in 1 2 3 4; do
  ( n=0; while until_done; do
      n=$((n + 1))
      # Each loop walks its own fits and formats, so most requests are new variants until the list runs out.
      case $loop in
        1) status_of "$base/img/$big?q=$(( (n * 7) % 100 + 1 ))" ;;
        2) status_of "$base/img/$big?w=$(( 4096 - n ))&fmt=png" ;;
        3) status_of "$base/img/$big?w=$(( 4096 - n * 13 ))&h=$(( 100 + n * 17 ))&fit=cover" ;;
        4) status_of "$base/img/$big?h=$(( 4096 - n * 29 ))&fit=contain" ;;
      esac
    done ) &
  pids+=($!)
done
( w=1; while until_done; do status_of "$base/img/$small?w=$w&q=$(( w % 100 + 1 ))"; w=$(( w % 4096 + 1 )); done ) &
pids+=($!)
( while until_done; do status_of -F "file=@$work/in/bomb.jpg;type=image/jpeg" "$base/images/post"; done ) &
pids+=($!)
( while until_done; do status_of "$base/img/post/old-bomb.jpg?w=640"; sleep 0.2; done ) &
pids+=($!)
( while until_done; do status_of -F "file=@$work/in/truncated.jpg;type=image/jpeg" "$base/images/post"; sleep 0.2; done ) &
pids+=($!)

peak_rss=0; peak_threads=0; peak_fds=0
while until_done; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
  threads=$(awk '/Threads/ {print $2}' "/proc/$server/status")
  fds=$(ls "/proc/$server/fd" | wc -l)
  [ "$rss" -gt "$peak_rss" ] && peak_rss=$rss
  [ "$threads" -gt "$peak_threads" ] && peak_threads=$threads
  [ "$fds" -gt "$peak_fds" ] && peak_fds=$fds
  sleep 1
done
for job in "${pids[@]}"; do wait "$job" 2> /dev/null || true; done
pids=()
kill -0 "$server" 2> /dev/null || { echo "the server died:"; tail -20 "$work/server.log"; exit 1; }

# Peak heap: the largest "before" figure of a GC (e.g. "Pause Young ... 301M->120M(512M)").
peak_heap=$(grep -o '[0-9]*M->[0-9]*M' "$work/gc.log" | cut -dM -f1 | sort -n | tail -1)
variants=$(find "$work/data/blobs/keys/ProcessedImages" -type f 2> /dev/null | wc -l)
variant_bytes=$(du -sb "$work/data/blobs/keys/ProcessedImages" 2> /dev/null | cut -f1)
echo "answers by status over ${duration}s: $(sort "$work/statuses" | uniq -c | awk '{printf "%s x%s  ", $2, $1}')"
echo "peak heap ${peak_heap:-?} MiB (max $(grep -o '([0-9]*M)' "$work/gc.log" | tail -1)), peak RSS $((peak_rss / 1024)) MiB,"\
  "peak threads $peak_threads, peak file descriptors $peak_fds"
echo "stored: $variants variants of 2 images, ${variant_bytes:-0} bytes; uploads kept: $(ls "$work/data/blobs/keys/post" | wc -l) (2 setup + the planted bomb)"
if grep -q "OutOfMemoryError" "$work/server.log" "$work/access.log"; then echo "FAILED: OutOfMemoryError"; exit 1; fi
if grep -qx 500 "$work/statuses"; then echo "FAILED: a 500"; exit 1; fi
echo "no 500, no OutOfMemoryError"
