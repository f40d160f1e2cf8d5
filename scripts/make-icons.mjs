// Draws the add-in's ribbon and store icons as PNGs into assets/ (run: node scripts/make-icons.mjs).
// Shapes are described as coverage functions on the unit square and supersampled 4×4.
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, paint) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const S = 4;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const c = paint((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 255;
          }
        }
      const n = S * S,
        o = y * (size * 4 + 1) + 1 + x * 4;
      const cov = a / 255;
      raw[o] = cov ? r / cov : 0;
      raw[o + 1] = cov ? g / cov : 0;
      raw[o + 2] = cov ? b / cov : 0;
      raw[o + 3] = a / n;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const blue = [15, 108, 189],
  green = [16, 124, 65],
  amber = [202, 80, 16],
  purple = [92, 46, 145];
const rect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

// Rising bars: the plan.
const planIcon = (x, y) =>
  rect(x, y, 0.1, 0.55, 0.3, 0.92)
    ? blue
    : rect(x, y, 0.4, 0.35, 0.6, 0.92)
      ? blue
      : rect(x, y, 0.7, 0.1, 0.9, 0.92)
        ? green
        : null;
// A target: the V2MOM's measures.
const v2momIcon = (x, y) => {
  const d = Math.hypot(x - 0.5, y - 0.5);
  return d < 0.12
    ? amber
    : d < 0.22
      ? null
      : d < 0.32
        ? blue
        : d < 0.36
          ? null
          : d < 0.46
            ? blue
            : null;
};
// Four regions: territories.
const territoriesIcon = (x, y) => {
  if (rect(x, y, 0.08, 0.08, 0.47, 0.47)) return blue;
  if (rect(x, y, 0.53, 0.08, 0.92, 0.47)) return green;
  if (rect(x, y, 0.08, 0.53, 0.47, 0.92)) return purple;
  if (rect(x, y, 0.53, 0.53, 0.92, 0.92)) return amber;
  return null;
};

for (const [name, paint, sizes] of [
  ["icon", planIcon, [16, 32, 64, 80, 128]],
  ["v2mom", v2momIcon, [16, 32, 80]],
  ["territories", territoriesIcon, [16, 32, 80]],
]) {
  for (const size of sizes) writeFileSync(`assets/${name}-${size}.png`, png(size, paint));
}
console.log("icons written to assets/");
