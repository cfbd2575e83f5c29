// Draws public/favicon.ico from public/favicon.svg with Chromium: 16, 32 and 48 pixels, each a PNG
// inside the ICO (read by every browser and by Windows since Vista). Pages link the SVG; the ICO is
// for whatever asks for /favicon.ico by name (older browsers, feed readers, bookmark tools).
// Run `node scripts/favicon.mjs` after changing the SVG, and commit both.
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const SIZES = [16, 32, 48];
const svg = readFileSync("public/favicon.svg");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const images = [];
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<body style="margin:0;background:transparent"><img alt="" width="${size}" height="${size}" src="data:image/svg+xml;base64,${svg.toString("base64")}"></body>`,
    );
    images.push(await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  }
} finally {
  await browser.close();
}

// ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the images.
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2); // 1 = icon
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach((png, i) => {
  const entry = 6 + 16 * i;
  header.writeUInt8(SIZES[i], entry); // width
  header.writeUInt8(SIZES[i], entry + 1); // height
  header.writeUInt16LE(1, entry + 4); // colour planes
  header.writeUInt16LE(32, entry + 6); // bits per pixel
  header.writeUInt32LE(png.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += png.length;
});
writeFileSync("public/favicon.ico", Buffer.concat([header, ...images]));
console.log(`public/favicon.ico: ${SIZES.join(", ")} pixels, ${offset} bytes`);
