/**
 * A real PowerShell grammar for tests: tree-sitter-powershell's WebAssembly build run by web-tree-sitter
 * (no native build, works offline). Gives the syntax errors of a script and the commands it calls with
 * their parameter names.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | undefined;

async function powershellParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

export interface PowerShellCommand {
  name: string;
  parameters: string[];
  line: number;
}

export interface PowerShellSyntax {
  /** ERROR and MISSING nodes, with their 1-based line and the text around them. */
  errors: string[];
  commands: PowerShellCommand[];
  /** Every string literal node's text, as written (quotes included). */
  strings: string[];
  /** Top-level assignments: variable (e.g. "$RelyingPartyName") and the value's source text. */
  assignments: { variable: string; value: string }[];
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.children) if (child) walk(child, visit);
}

export async function analysePowerShell(script: string): Promise<PowerShellSyntax> {
  const parser = await powershellParser();
  const tree = parser.parse(script);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const result: PowerShellSyntax = { errors: [], commands: [], strings: [], assignments: [] };
  walk(tree.rootNode, (node) => {
    if (node.isError || node.isMissing) {
      result.errors.push(`${node.isMissing ? 'MISSING' : 'ERROR'} at line ${node.startPosition.row + 1}: ${node.text.slice(0, 80)}`);
    }
    if (node.type === 'command') {
      const name = node.childForFieldName('command_name');
      if (name) {
        const parameters: string[] = [];
        walk(node, (inner) => {
          if (inner.type === 'command_parameter' && inner.parent?.parent?.id === node.id) parameters.push(inner.text);
        });
        result.commands.push({ name: name.text, parameters, line: node.startPosition.row + 1 });
      }
    }
    if (node.type === 'string_literal') result.strings.push(node.text);
    if (node.type === 'assignment_expression' && node.parent?.parent?.parent?.type === 'program') {
      const left = node.child(0);
      const value = node.childForFieldName('value');
      if (left && value) result.assignments.push({ variable: left.text, value: value.text });
    }
  });
  tree.delete();
  return result;
}

/** The value of a single-quoted PowerShell literal, or null when `text` is anything else. */
export function singleQuotedValue(text: string): string | null {
  const match = /^'((?:[^'\u2018\u2019\u201a\u201b]|['\u2018\u2019\u201a\u201b]{2})*)'$/.exec(text);
  return match ? (match[1] ?? '').replace(/(['\u2018\u2019\u201a\u201b])\1/g, '$1') : null;
}
