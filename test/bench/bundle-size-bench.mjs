// The renderer's JavaScript, gzipped as a browser would download it, beside the 100 KB target.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const TARGET_KB = 100;
const dir = new URL('../../dist/renderer/assets/', import.meta.url);
const files = readdirSync(dir).filter((name) => name.endsWith('.js') || name.endsWith('.css'));
let jsGzip = 0;
let jsRaw = 0;
for (const name of files) {
  const body = readFileSync(new URL(name, dir));
  const gz = gzipSync(body, { level: 9 }).length;
  if (name.endsWith('.js')) {
    jsGzip += gz;
    jsRaw += body.length;
  }
  console.log(`${name.padEnd(32)} ${(body.length / 1024).toFixed(1).padStart(7)} KB raw ${(gz / 1024).toFixed(1).padStart(7)} KB gzip`);
}
const ratio = jsGzip / 1024 / TARGET_KB;
console.log(`renderer JavaScript: ${(jsGzip / 1024).toFixed(1)} KB gzipped (${(jsRaw / 1024).toFixed(1)} KB raw) vs target ${TARGET_KB} KB gzipped -> ${ratio.toFixed(2)}x of target ${ratio <= 1 ? '(within target)' : '(OVER target)'}`);
