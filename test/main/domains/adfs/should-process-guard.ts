/**
 * A syntax-tree check for generated scripts: every command that changes something (Set-, Add-, Remove-, …)
 * must sit inside the then-block of an `if ($PSCmdlet.ShouldProcess(…))`, so -WhatIf changes nothing.
 * Uses the same tree-sitter-powershell grammar as test/support/powershell-syntax.ts.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | undefined;

async function parser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
    const instance = new Parser();
    instance.setLanguage(language);
    return instance;
  })();
  return parserPromise;
}

/** Verbs whose cmdlets change state (about_Approved_Verbs: the data and lifecycle verbs that write). */
export const CHANGING_VERB = /^(Set|Add|Remove|Update|Enable|Disable|Register|Unregister|Grant|Revoke|Invoke|Install|Uninstall|Clear|Rename|Move|Copy|Out|Export|Import)-/i;

/** Set-StrictMode changes only the script's own session, not the machine or AD FS. */
const SESSION_ONLY = new Set(['set-strictmode']);

export interface GuardedCommand {
  name: string;
  line: number;
  guarded: boolean;
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.children) if (child) walk(child, visit);
}

function insideShouldProcess(node: Node): boolean {
  for (let current: Node | null = node; current; current = current.parent) {
    const parent = current.parent;
    if (current.type === 'statement_block' && parent && (parent.type === 'if_statement' || parent.type === 'elseif_clause')) {
      const condition = parent.children.find((child) => child?.type === 'pipeline');
      if (condition && /^\$PSCmdlet\.ShouldProcess\(/i.test(condition.text.trim())) return true;
    }
  }
  return false;
}

/** Every state-changing command of the script, and whether a ShouldProcess block guards it. */
export async function changingCommands(script: string): Promise<GuardedCommand[]> {
  const tree = (await parser()).parse(script);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const found: GuardedCommand[] = [];
  walk(tree.rootNode, (node) => {
    if (node.type !== 'command') return;
    const name = node.childForFieldName('command_name')?.text ?? '';
    if (CHANGING_VERB.test(name) && !SESSION_ONLY.has(name.toLowerCase())) found.push({ name, line: node.startPosition.row + 1, guarded: insideShouldProcess(node) });
  });
  tree.delete();
  return found;
}
