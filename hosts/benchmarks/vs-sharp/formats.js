'use strict';
// The 400-px variant as WebP and AVIF at several qualities through sharp, for bytes at matched SSIM.
// Usage: NODE_PATH=<peer>/node_modules node formats.js src.jpg outdir q1 q2 ...
const fs = require('fs');
const sharp = require('sharp');
const [src, out, ...qualities] = process.argv.slice(2);
(async () => {
  const buf = fs.readFileSync(src);
  for (const q of qualities.map(Number)) {
    fs.writeFileSync(`${out}/sharp_resize400_webp_q${q}.webp`, await sharp(buf).rotate().resize({ width: 400 }).webp({ quality: q }).toBuffer());
    fs.writeFileSync(`${out}/sharp_resize400_avif_q${q}.avif`, await sharp(buf).rotate().resize({ width: 400 }).avif({ quality: q }).toBuffer());
  }
  fs.writeFileSync(`${out}/sharp_resize400_jpeg_q90.jpg`, await sharp(buf).rotate().resize({ width: 400 }).jpeg({ quality: 90 }).toBuffer());
})().catch((e) => { console.error(e); process.exit(1); });
