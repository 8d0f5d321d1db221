// `npm start` and `npm run web`: start from the existing build when it matches the sources (the build stamp,
// test/tools/build-stamp.mjs), so a second start costs a hash of the sources instead of a 40-second build.
import { spawnSync } from 'node:child_process';
import { buildState, ROOT } from './build-stamp.mjs';

const state = buildState();
if (!state.fresh) {
  process.stderr.write(`Building first (${state.reason}); this takes a minute…\n`);
  const npm = process.env.npm_execpath;
  const build = npm
    ? spawnSync(process.execPath, [npm, 'run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) {
    process.stderr.write('ERROR: the build failed (its messages are above).\n  → Fix the error, then run the command again.\n');
    process.exit(build.status ?? 1);
  }
}
