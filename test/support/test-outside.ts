/**
 * What tests hand to the core: the Node front doors' outside world (the real keychain inside
 * test/tools/with-keyring.sh, Debian's Chromium, Node's fetch), with any piece replaced by the test.
 */
import type { Outside } from '../../main/app/core/outside.js';
import { nodeOutside } from '../../main/doors/node-outside.js';

export function testOutside(overrides: Partial<Outside> = {}): Outside {
  return { ...nodeOutside(), ...overrides };
}
