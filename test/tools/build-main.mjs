// Compiles main/ and shared/ (tsconfig.node.json) and marks the CLI's entry executable, so `npm link` and a
// package's bin link run it directly (tsc writes files without the executable bit).
// Usage: node test/tools/build-main.mjs [--out-dir DIR]   (default: dist/, as tsconfig.node.json says)
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
const outDir = path.resolve(values['out-dir'] ?? path.join(root, 'dist'));
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.node.json'), '--outDir', outDir], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
chmodSync(path.join(outDir, 'main', 'doors', 'cli', 'bin.js'), 0o755);
