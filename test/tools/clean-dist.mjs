// Removes dist/ so a build never mixes in files from an older tree.
import { rmSync } from 'node:fs';
rmSync(new URL('../../dist', import.meta.url), { recursive: true, force: true });
