/**
 * The design card's boundaries, checked on every run (ESLint checks them too, this catches what a lint
 * override could hide): shared/ imports nothing from Node, Electron, main/ or renderer/; renderer/ never
 * imports main/; only main/electron/ imports electron.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(relative);
    return /\.(ts|svelte|js|mjs|cjs)$/.test(name) ? [relative] : [];
  });
}

/** Every module specifier a file imports, statically or dynamically, or requires. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const found = new Set<string>();
  for (const pattern of [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s+['"]([^'"]+)['"]/gm]) {
    for (const match of text.matchAll(pattern)) found.add(match[1] as string);
  }
  return [...found];
}

function resolvesInto(file: string, specifier: string, folder: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = path.normalize(path.join(path.dirname(file), specifier));
  return target === folder || target.startsWith(`${folder}${path.sep}`);
}

const nodeModules = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe('architecture boundaries', () => {
  it('shared/ runs anywhere: no Node, Electron, main/ or renderer/ imports', () => {
    const offenders = sourceFiles('shared').flatMap((file) =>
      importsOf(file)
        .filter((s) => nodeModules.has(s) || s === 'electron' || resolvesInto(file, s, 'main') || resolvesInto(file, s, 'renderer'))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('renderer/ never imports main/, Node or Electron', () => {
    const offenders = sourceFiles('renderer').flatMap((file) =>
      importsOf(file)
        .filter((s) => resolvesInto(file, s, 'main') || nodeModules.has(s) || s === 'electron')
        .map((s) => `${file} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only main/electron/ imports electron', () => {
    const offenders = [...sourceFiles('main'), ...sourceFiles('shared'), ...sourceFiles('renderer')]
      .filter((file) => !file.startsWith(`main${path.sep}electron${path.sep}`))
      .filter((file) => importsOf(file).includes('electron'));
    expect(offenders).toEqual([]);
    expect(sourceFiles('main/electron').some((file) => importsOf(file).includes('electron'))).toBe(true);
  });

  it('the check itself sees violations (a boundary test that cannot fail proves nothing)', () => {
    expect(resolvesInto('renderer/src/App.svelte', '../../main/core/x.js', 'main')).toBe(true);
    expect(resolvesInto('renderer/src/App.svelte', '../../shared/x.js', 'main')).toBe(false);
    expect(nodeModules.has('node:fs') && nodeModules.has('fs')).toBe(true);
  });
});
