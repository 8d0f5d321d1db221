// Issue 18, items 14 and 18: whatever the CLI prints that points to a command (its help, its messages, the
// core's hints that the CLI passes on) names a command that exists, with options that command has; and the
// words the CLI prints name commands and options, not the desktop wizard's buttons.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../main/doors/cli/commands/index.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

function sources(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));
}

/** The string literals and template texts of a file, without its comments. */
function texts(file: string): string {
  return readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line))
    .join('\n');
}

const FILES = [...sources('main/doors/cli'), ...sources('main/app'), ...sources('main/domains'), ...sources('shared')];

describe('commands named in what the CLI prints', () => {
  it('every "sso-wizard <command>" in the help of every command names a command that exists, with its options', async () => {
    const usages = new Map<string, string>();
    for (const entry of COMMANDS) usages.set(entry.name, (await entry.load()).usage);
    const problems: string[] = [];
    for (const [name, usage] of usages) {
      for (const match of usage.matchAll(/sso-wizard ([a-z][a-z-]*)((?: --[a-z][a-z-]*)*)/g)) {
        const command = match[1] as string;
        if (!usages.has(command)) problems.push(`${name} --help names "sso-wizard ${command}", which does not exist`);
        for (const flag of (match[2] ?? '').trim().split(' ').filter(Boolean)) {
          if (usages.has(command) && !usages.get(command)!.includes(flag)) problems.push(`${name} --help names "sso-wizard ${command} ${flag}", which ${command} does not have`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every "sso-wizard <command>" in a message of the CLI, the core or a domain names a command that exists', () => {
    const names = new Set(COMMANDS.map((entry) => entry.name));
    const problems: string[] = [];
    for (const file of FILES) {
      for (const match of texts(file).matchAll(/sso-wizard ([a-z][a-z-]*)/g)) {
        if (!names.has(match[1] as string)) problems.push(`${file}: "sso-wizard ${match[1]}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('control: the scan finds the commands the messages do name', () => {
    const all = FILES.map(texts).join('\n');
    expect(all).toMatch(/sso-wizard import/);
    expect(all).toMatch(/sso-wizard adfs-export/);
  });
});
