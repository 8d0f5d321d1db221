// The build stamp: a hash of everything the build reads (sources, configs, lockfile), written to
// dist/build-stamp.json as the build's last step. `npm start` and `npm run web` rebuild only when the hash of
// the sources differs from the stamp (test/tools/build-if-stale.mjs). A content hash, not file times, so a
// checkout or a copy that touches every file does not force a rebuild, and an edit undone is no change.
// Usage: node test/tools/build-stamp.mjs write
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const STAMP_FILE = path.join(ROOT, 'dist', 'build-stamp.json');

// What the build reads: the three source trees, the icons, the build's own scripts and every config it uses.
const INPUT_DIRS = ['main', 'shared', 'renderer', 'assets'];
const INPUT_FILES = [/^package(-lock)?\.json$/, /^tsconfig.*\.json$/, /^vite.*\.config\.ts$/, /^svelte\.config\.js$/];
const BUILD_SCRIPTS = ['test/tools/build-main.mjs', 'test/tools/build-stamp.mjs', 'test/tools/clean-dist.mjs'];

function filesUnder(dir) {
  const found = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(relative));
    else if (entry.isFile()) found.push(relative);
  }
  return found;
}

/** Hex SHA-256 over the names and contents of every build input, in a fixed order. */
export function inputHash() {
  const files = [
    ...INPUT_DIRS.flatMap((dir) => filesUnder(dir)),
    ...readdirSync(ROOT).filter((name) => INPUT_FILES.some((pattern) => pattern.test(name))),
    ...BUILD_SCRIPTS,
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** 'fresh', or why a build is needed: no stamp (never built, or the last build did not finish) or changed sources. */
export function buildState() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP_FILE, 'utf8'));
  } catch {
    return { fresh: false, reason: 'no finished build in dist/' };
  }
  if (stamp?.inputHash !== inputHash()) return { fresh: false, reason: 'the sources changed since the last build' };
  return { fresh: true, builtAt: stamp.builtAt };
}

export function writeStamp() {
  writeFileSync(STAMP_FILE, `${JSON.stringify({ inputHash: inputHash(), builtAt: new Date().toISOString(), node: process.version }, null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'write') writeStamp();
  else {
    const state = buildState();
    console.log(state.fresh ? `dist/ is up to date (built ${state.builtAt}).` : `dist/ needs a build: ${state.reason}.`);
  }
}
