// Compiles main/ and shared/ (tsconfig.node.json), bundles the CLI and browser mode, and marks the CLI's entry
// executable, so `npm link` and a package's bin link run it directly (tsc writes files without that bit).
//
// Why a bundle: the core and its engines are ~500 modules (zod, @peculiar/x509, node-forge, xml-crypto…);
// resolving and reading them one by one was about half of the cost of loading the core (measured: ~0.9 s CPU
// unbundled, ~0.5 s bundled, on a loaded 2-core machine), paid by browser mode before its first screen and by
// every scripted command. esbuild (https://esbuild.github.io/api/#bundle) writes dist/main/doors/cli/run-cli.js
// in place of tsc's (bin.js and the launcher import it), split at every dynamic import into chunks beside it
// (bundle-<name>-<hash>.js), so --help still loads no command and no engine; one file without splitting was
// measured slower (--help then read all 2 MB). Each module keeps its own import.meta.url (rewritten to its file
// in the tsc tree, which stays beside the bundle), so package.json, dist/renderer and keytar are found as before.
// The rest of dist/main (the Electron shell, tests' imports) is tsc's output, unchanged.
// Usage: node test/tools/build-main.mjs [--out-dir DIR] [--no-bundle | --bundle-only]   (default: dist/, as tsconfig.node.json says)
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { 'out-dir': { type: 'string' }, 'no-bundle': { type: 'boolean' }, 'bundle-only': { type: 'boolean' } } });
const outDir = path.resolve(values['out-dir'] ?? path.join(root, 'dist'));
if (!values['bundle-only']) {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.node.json'), '--outDir', outDir], { stdio: 'inherit' });
  if (compiled.status !== 0) process.exit(compiled.status ?? 1);
}

if (!values['no-bundle']) {
  const bundle = path.join(outDir, 'main', 'doors', 'cli', 'run-cli.js');
  /** Every bundled module sees the URL of its own file in the tsc tree, not the bundle's. */
  const ownImportMetaUrl = {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const relative = path.relative(path.dirname(bundle), args.path).split(path.sep).join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
  await esbuild.build({
    entryPoints: { 'run-cli': bundle },
    outdir: path.dirname(bundle),
    allowOverwrite: true,
    bundle: true,
    // One chunk per lazily imported part, beside the entry (so the relative URLs above hold for every chunk).
    splitting: true,
    chunkNames: 'bundle-[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Identifiers stay readable in a stack trace; whitespace and syntax minified.
    minifyWhitespace: true,
    minifySyntax: true,
    // keytar is a native addon, loaded from node_modules at run time; electron exists only inside Electron.
    external: ['keytar', 'electron'],
    // The CommonJS packages inside (node-forge, xml-crypto…) call require for Node's own modules.
    banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
    plugins: [ownImportMetaUrl],
    logLevel: 'warning',
  });
}
chmodSync(path.join(outDir, 'main', 'doors', 'cli', 'bin.js'), 0o755);
