// Run after `remix build` (npm run build): writes a Brotli copy (`<file>.br`, best quality) next to each
// script and style sheet in public/build, which the server sends to browsers that take Brotli. These
// files are cached for a year under names that change with their content, so compressing them once,
// slowly and well, beats compressing them for every new visitor (decision 0020).
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

const BUILD = "public/build";
const brotli = promisify(zlib.brotliCompress);

const started = Date.now();
const files = (await readdir(BUILD, { recursive: true })).filter((name) => /\.(js|css)$/.test(name)).map((name) => path.join(BUILD, name));

let before = 0;
let after = 0;
await Promise.all(
  files.map(async (file) => {
    const { size } = await stat(file);
    // Below a kilobyte the server sends the file as it is (the compression middleware's threshold).
    if (size < 1024) return;
    const compressed = await brotli(await readFile(file), {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size },
    });
    before += size;
    after += compressed.length;
    await writeFile(`${file}.br`, compressed);
  }),
);
console.log(`Brotli copies of public/build: ${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB in ${Date.now() - started} ms`);
