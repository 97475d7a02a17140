// Prints connections.js's size and fails the build when its gzip size goes over the 40 KB budget Link has too.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 40 * 1024;
const bytes = readFileSync(new URL("../dist/connections.js", import.meta.url));
const gzipped = gzipSync(bytes, { level: 9 }).length;
console.log(`@bridgekeeper/connections dist/connections.js: ${(bytes.length / 1024).toFixed(1)} KB, gzip ${(gzipped / 1024).toFixed(1)} KB (budget ${BUDGET / 1024} KB)`);
if (gzipped > BUDGET) {
  console.error("connections.js is over its gzip budget");
  process.exit(1);
}
