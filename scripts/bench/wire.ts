// What a page costs to send: the bytes of one answer as they cross the wire, and the JavaScript a
// browser loads for a route on its first visit (gzipped, from the build's manifest).
import { readdir, readFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface WireAnswer {
  status: number;
  /** Everything the server sent: status line, headers and body (chunked framing included). */
  bytes: number;
  /** Content-Encoding of the body ("identity" when none). */
  encoding: string;
}

/** One GET over a fresh connection, counting every byte received until the server closes it. */
export function wireBytes(baseUrl: string, pathname: string, acceptEncoding: string): Promise<WireAnswer> {
  const { hostname, port, host } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const answer = Buffer.concat(chunks);
      const head = answer.subarray(0, answer.indexOf("\r\n\r\n")).toString("latin1");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      const encoding = /^content-encoding:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? "identity";
      resolve({ status, bytes: answer.length, encoding });
    });
    socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${host}\r\nAccept-Encoding: ${acceptEncoding}\r\nConnection: close\r\n\r\n`);
  });
}

export interface FirstLoad {
  files: number;
  bytes: number;
  gzipBytes: number;
}

const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?"(\/build\/[^"]+\.js)"/g;

/**
 * The JavaScript a first visit to `routeId` loads: the entry, root and the route's modules with everything
 * they import statically (followed through the files themselves), each gzipped on its own as a server
 * would send it.
 */
export async function firstLoadJs(checkout: string, routeId: string): Promise<FirstLoad> {
  const publicDir = path.join(checkout, "public");
  const manifestFile = (await readdir(path.join(publicDir, "build"))).find((name) => /^manifest-\w+\.js$/.test(name));
  if (!manifestFile) throw new Error(`No manifest in ${publicDir}/build: build the app first`);
  const manifestText = await readFile(path.join(publicDir, "build", manifestFile), "utf8");
  const manifest = JSON.parse(manifestText.slice(manifestText.indexOf("{"), manifestText.lastIndexOf("}") + 1));
  const route = manifest.routes[routeId];
  if (!route) throw new Error(`No route ${routeId} in the build's manifest`);
  const pending: string[] = [manifest.entry, manifest.routes.root, route].flatMap((module) => [module.module, ...module.imports]);
  const seen = new Set<string>();
  let bytes = 0;
  let gzipBytes = 0;
  while (pending.length) {
    const url = pending.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const source = await readFile(path.join(publicDir, url));
    bytes += source.length;
    gzipBytes += gzipSync(source).length;
    for (const [, imported] of source.toString("utf8").matchAll(STATIC_IMPORT)) pending.push(imported);
  }
  return { files: seen.size, bytes, gzipBytes };
}
