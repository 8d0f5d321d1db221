/**
 * Literal values inside generated PowerShell. A single-quoted string is verbatim: PowerShell expands no
 * variable or sub-expression in it, and the only special character is the quote itself, written twice
 * (about_Quoting_Rules). PowerShell also treats the typographic single quotes U+2018–U+201B as quotes, so
 * they are doubled too, as System.Management.Automation.Language.CodeGeneration.EscapeSingleQuotedStringContent
 * does. With that, a relying-party name like "O'Brien's site'; Remove-Item C:\ -Recurse; '" stays one string.
 */
const QUOTES = /['\u2018\u2019\u201a\u201b]/g;

export function psSingleQuoted(value: string): string {
  return `'${value.replace(QUOTES, (quote) => quote + quote)}'`;
}

/**
 * Text for a single-quoted here-string (@' … '@): verbatim, ended only by a line that starts with '@.
 * Returns null when the text contains such a line (the caller must then quote it another way).
 */
export function psHereStringBody(text: string): string | null {
  return /(^|\n)\s*['\u2018\u2019\u201a\u201b]@/.test(text) ? null : text;
}
