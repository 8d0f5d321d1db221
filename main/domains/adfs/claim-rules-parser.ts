/**
 * Reads AD FS claim rules: the rules this wizard generates and the rules a real AD FS prints with
 * `Get-AdfsRelyingPartyTrust | Select -Expand IssuanceTransformRules` (annotations `@RuleTemplate`,
 * `@RuleName`, then `conditions => issue(…);` or `=> add(…);`). The grammar follows "The Role of the Claim
 * Rule Language" (AD FS technical reference) and MS-CTA §2.1.3 (the claims transformation rules syntax it
 * shares): rules end with ";", conditions are joined with "&&", a condition is a claim selector
 * `c:[Type == "…", Value =~ "…"]` or an aggregate `EXISTS([…])`, `NOT EXISTS([…])`, `COUNT([…]) > n`, and
 * the action copies a claim (`claim = c`), queries an attribute store (`store = …, types = (…), query = …,
 * param = …`) or builds a claim from fields (`Type = …, Value = …, Properties["…"] = …`). Keywords are not
 * case-sensitive. Strings are double-quoted and cannot contain a double quote (AD FS docs: "double quotation
 * marks are not allowed inside strings"). Any error names its line and column.
 */

/** Larger pasted texts are refused rather than parsed (a real relying party has a few dozen rules at most). */
export const MAX_RULES_TEXT_LENGTH = 256 * 1024;

export type ClaimProperty = 'type' | 'value' | 'valuetype' | 'issuer' | 'originalissuer' | 'properties';
export type MatchOperator = '==' | '!=' | '=~' | '!~';

export type ClaimExpression =
  | { kind: 'string'; value: string }
  | { kind: 'reference'; variable: string; property: ClaimProperty; propertyKey?: string }
  | { kind: 'call'; name: string; args: ClaimExpression[] }
  | { kind: 'concat'; parts: ClaimExpression[] };

export interface ClaimMatch {
  property: ClaimProperty;
  propertyKey?: string;
  operator: MatchOperator;
  value: ClaimExpression;
}

export type RuleCondition =
  | { kind: 'selector'; variable: string | null; matches: ClaimMatch[]; line: number }
  | { kind: 'aggregate'; fn: 'exists' | 'not-exists' | 'count'; matches: ClaimMatch[]; comparison?: { operator: string; value: number }; line: number };

export interface ClaimField {
  property: ClaimProperty;
  propertyKey?: string;
  value: ClaimExpression;
}

export type RuleActionBody =
  | { form: 'copy'; variable: string }
  | { form: 'store'; store: string; types: string[]; query: string; params: ClaimExpression[] }
  | { form: 'fields'; fields: ClaimField[] };

export interface ParsedClaimRule {
  /** 1-based line where the rule starts. */
  line: number;
  template: string | null;
  name: string | null;
  annotations: Record<string, string>;
  conditions: RuleCondition[];
  action: { verb: 'issue' | 'add'; line: number } & RuleActionBody;
  /** The rule's source text, from its first annotation to its ";". */
  text: string;
}

export interface ClaimRuleSyntaxError {
  line: number;
  column: number;
  message: string;
}

export type ParseClaimRulesResult = { ok: true; rules: ParsedClaimRule[] } | { ok: false; error: ClaimRuleSyntaxError };

/** 'invalid' carries a lexical error, raised only when the parser reaches it, so errors come in text order. */
type TokenKind = 'string' | 'ident' | 'number' | 'punct' | 'invalid' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  column: number;
  offset: number;
}

class SyntaxFailure extends Error {
  constructor(readonly detail: ClaimRuleSyntaxError) {
    super(detail.message);
  }
}

const PUNCTUATION = ['=>', '==', '!=', '=~', '!~', '&&', '<=', '>=', '@', '=', ':', '[', ']', '(', ')', ',', ';', '.', '+', '<', '>'];
const SMART_QUOTES = /[\u201c\u201d\u201e]/;

function describeToken(token: Token): string {
  if (token.kind === 'end') return 'the end of the text';
  if (token.kind === 'string') return `the string "${token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text}"`;
  return `"${token.text}"`;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  let failed = false;
  const fail = (message: string): void => {
    tokens.push({ kind: 'invalid', text: message, line, column: offset - lineStart + 1, offset });
    failed = true;
  };
  while (offset < source.length && !failed) {
    const ch = source[offset] as string;
    if (ch === '\n') {
      offset += 1;
      line += 1;
      lineStart = offset;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\uFEFF' || ch === '\u00a0') {
      offset += 1;
      continue;
    }
    const column = offset - lineStart + 1;
    if (ch === '"') {
      const end = source.indexOf('"', offset + 1);
      const newline = source.indexOf('\n', offset + 1);
      if (end === -1 || (newline !== -1 && newline < end)) {
        fail('This string has no closing double quote on the same line.');
        break;
      }
      tokens.push({ kind: 'string', text: source.slice(offset + 1, end), line, column, offset });
      offset = end + 1;
      continue;
    }
    if (SMART_QUOTES.test(ch)) {
      fail(`Typographic quote ${ch} found: claim rules need straight double quotes ("). Paste the rules from PowerShell or Notepad, not from a word processor.`);
      break;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(offset, offset + 256));
    if (word) {
      tokens.push({ kind: 'ident', text: word[0], line, column, offset });
      offset += word[0].length;
      continue;
    }
    const digits = /^[0-9]+/.exec(source.slice(offset, offset + 32));
    if (digits) {
      tokens.push({ kind: 'number', text: digits[0], line, column, offset });
      offset += digits[0].length;
      continue;
    }
    const punct = PUNCTUATION.find((candidate) => source.startsWith(candidate, offset));
    if (punct) {
      tokens.push({ kind: 'punct', text: punct, line, column, offset });
      offset += punct.length;
      continue;
    }
    fail(`Unexpected character "${ch}" (U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}).`);
  }
  tokens.push({ kind: 'end', text: '', line, column: offset - lineStart + 1, offset });
  return tokens;
}

const PROPERTIES: Record<string, ClaimProperty> = {
  type: 'type',
  value: 'value',
  valuetype: 'valuetype',
  issuer: 'issuer',
  originalissuer: 'originalissuer',
  properties: 'properties',
};

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  private get current(): Token {
    const token = this.tokens[this.index] as Token;
    if (token.kind === 'invalid') throw new SyntaxFailure({ line: token.line, column: token.column, message: token.text });
    return token;
  }

  private peek(ahead = 1): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] as Token;
  }

  private fail(message: string, token: Token = this.current): never {
    throw new SyntaxFailure({ line: token.line, column: token.column, message });
  }

  private isPunct(text: string, token: Token = this.current): boolean {
    return token.kind === 'punct' && token.text === text;
  }

  private isWord(word: string, token: Token = this.current): boolean {
    return token.kind === 'ident' && token.text.toLowerCase() === word;
  }

  private expectPunct(text: string, context: string): Token {
    if (!this.isPunct(text)) this.fail(`Expected "${text}" ${context}, found ${describeToken(this.current)}.`);
    return this.tokens[this.index++] as Token;
  }

  private expectString(context: string): string {
    const token = this.current;
    if (token.kind !== 'string') this.fail(`Expected a double-quoted string ${context}, found ${describeToken(token)}.`);
    this.index += 1;
    return token.text;
  }

  private expectIdent(context: string): Token {
    const token = this.current;
    if (token.kind !== 'ident') this.fail(`Expected a name ${context}, found ${describeToken(token)}.`);
    this.index += 1;
    return token;
  }

  parseRuleSet(): ParsedClaimRule[] {
    const rules: ParsedClaimRule[] = [];
    while (this.current.kind !== 'end') rules.push(this.parseRule());
    return rules;
  }

  private parseRule(): ParsedClaimRule {
    const first = this.current;
    const annotations: Record<string, string> = {};
    while (this.isPunct('@')) {
      this.index += 1;
      const key = this.expectIdent('after "@" (like @RuleName)');
      this.expectPunct('=', `after @${key.text}`);
      annotations[key.text] = this.expectString(`as the value of @${key.text}`);
    }
    const conditions: RuleCondition[] = [];
    if (!this.isPunct('=>')) {
      if (this.current.kind === 'end') this.fail('The text ends after the rule annotations: a rule needs "=> issue(…);".');
      conditions.push(this.parseCondition());
      while (this.isPunct('&&')) {
        this.index += 1;
        conditions.push(this.parseCondition());
      }
    }
    this.expectPunct('=>', 'between the conditions and the action');
    const verbToken = this.current;
    let verb: 'issue' | 'add';
    if (this.isWord('issue')) verb = 'issue';
    else if (this.isWord('add')) verb = 'add';
    else this.fail(`Expected issue(…) or add(…) after "=>", found ${describeToken(verbToken)}.`);
    this.index += 1;
    this.expectPunct('(', `after "${verbToken.text}"`);
    const body = this.parseActionBody(conditions);
    this.expectPunct(')', `to close ${verbToken.text}(…)`);
    const semicolon = this.current;
    if (!this.isPunct(';')) this.fail(`Expected ";" to end the rule that starts on line ${first.line}, found ${describeToken(semicolon)}.`);
    this.index += 1;
    const templateKey = Object.keys(annotations).find((key) => key.toLowerCase() === 'ruletemplate');
    const nameKey = Object.keys(annotations).find((key) => key.toLowerCase() === 'rulename');
    return {
      line: first.line,
      template: templateKey ? (annotations[templateKey] ?? null) : null,
      name: nameKey ? (annotations[nameKey] ?? null) : null,
      annotations,
      conditions,
      action: { verb, line: verbToken.line, ...body },
      text: this.source.slice(first.offset, semicolon.offset + 1),
    };
  }

  private parseCondition(): RuleCondition {
    const start = this.current;
    if (this.isWord('not') && this.isWord('exists', this.peek())) {
      this.index += 2;
      return { kind: 'aggregate', fn: 'not-exists', matches: this.parseAggregateArgument('NOT EXISTS'), line: start.line };
    }
    if (this.isWord('exists') && this.isPunct('(', this.peek())) {
      this.index += 1;
      return { kind: 'aggregate', fn: 'exists', matches: this.parseAggregateArgument('EXISTS'), line: start.line };
    }
    if (this.isWord('count') && this.isPunct('(', this.peek())) {
      this.index += 1;
      const matches = this.parseAggregateArgument('COUNT');
      const operator = this.current;
      if (!['==', '!=', '<', '>', '<=', '>='].some((op) => this.isPunct(op))) {
        this.fail(`Expected a comparison (like > 1) after COUNT(…), found ${describeToken(operator)}.`);
      }
      this.index += 1;
      const number = this.current;
      if (number.kind !== 'number') this.fail(`Expected a number after "${operator.text}", found ${describeToken(number)}.`);
      this.index += 1;
      return { kind: 'aggregate', fn: 'count', matches, comparison: { operator: operator.text, value: Number(number.text) }, line: start.line };
    }
    let variable: string | null = null;
    if (this.current.kind === 'ident') {
      if (!this.isPunct(':', this.peek())) {
        this.fail(`Expected a claim selector like c:[Type == "…"], found ${describeToken(this.current)}.`);
      }
      variable = this.current.text;
      this.index += 2;
    }
    if (!this.isPunct('[')) this.fail(`Expected "[" to start a claim selector like c:[Type == "…"], found ${describeToken(this.current)}.`);
    return { kind: 'selector', variable, matches: this.parseMatchList(), line: start.line };
  }

  private parseAggregateArgument(fn: string): ClaimMatch[] {
    this.expectPunct('(', `after ${fn}`);
    if (!this.isPunct('[')) this.fail(`Expected "[" inside ${fn}(…), found ${describeToken(this.current)}.`);
    const matches = this.parseMatchList();
    this.expectPunct(')', `to close ${fn}(…)`);
    return matches;
  }

  private parseMatchList(): ClaimMatch[] {
    this.expectPunct('[', 'to start the claim selector');
    const matches: ClaimMatch[] = [];
    if (this.isPunct(']')) {
      this.index += 1;
      return matches;
    }
    for (;;) {
      matches.push(this.parseMatch());
      if (this.isPunct(',')) {
        this.index += 1;
        continue;
      }
      this.expectPunct(']', 'to close the claim selector (or "," before the next test)');
      return matches;
    }
  }

  private parseProperty(context: string): { property: ClaimProperty; propertyKey?: string } {
    const token = this.current;
    const property = token.kind === 'ident' ? PROPERTIES[token.text.toLowerCase()] : undefined;
    if (!property) {
      this.fail(`Expected a claim property (Type, Value, ValueType, Issuer, OriginalIssuer or Properties["…"]) ${context}, found ${describeToken(token)}.`);
    }
    this.index += 1;
    if (property !== 'properties') return { property };
    this.expectPunct('[', 'after Properties');
    const propertyKey = this.expectString('as the property name in Properties["…"]');
    this.expectPunct(']', 'to close Properties["…"]');
    return { property, propertyKey };
  }

  private parseMatch(): ClaimMatch {
    const target = this.parseProperty('in the claim selector');
    const operatorToken = this.current;
    const operator = (['==', '!=', '=~', '!~'] as const).find((op) => this.isPunct(op));
    if (!operator) this.fail(`Expected ==, !=, =~ or !~ after the property, found ${describeToken(operatorToken)}.`);
    this.index += 1;
    if (operator === '=~' || operator === '!~') this.checkRegex(this.current);
    return { ...target, operator, value: this.parseExpression() };
  }

  /** AD FS uses .NET regular expressions; JavaScript's are close enough to catch unbalanced patterns early. */
  private checkRegex(token: Token): void {
    if (token.kind !== 'string') return;
    try {
      new RegExp(token.text.replace(/\(\?<([A-Za-z][A-Za-z0-9]*)>/g, '(?<$1>').replace(/\(\?i\)/g, ''));
    } catch {
      this.fail(`The regular expression "${token.text}" is not valid.`, token);
    }
  }

  private parseExpression(): ClaimExpression {
    const parts: ClaimExpression[] = [this.parseTerm()];
    while (this.isPunct('+')) {
      this.index += 1;
      parts.push(this.parseTerm());
    }
    return parts.length === 1 ? (parts[0] as ClaimExpression) : { kind: 'concat', parts };
  }

  private parseTerm(): ClaimExpression {
    const token = this.current;
    if (token.kind === 'string') {
      this.index += 1;
      return { kind: 'string', value: token.text };
    }
    if (token.kind === 'ident' && this.isPunct('.', this.peek())) {
      this.index += 2;
      return { kind: 'reference', variable: token.text, ...this.parseProperty(`after "${token.text}."`) };
    }
    if (token.kind === 'ident' && this.isPunct('(', this.peek())) {
      this.index += 2;
      const args: ClaimExpression[] = [];
      if (!this.isPunct(')')) {
        args.push(this.parseExpression());
        while (this.isPunct(',')) {
          this.index += 1;
          args.push(this.parseExpression());
        }
      }
      this.expectPunct(')', `to close ${token.text}(…)`);
      return { kind: 'call', name: token.text, args };
    }
    return this.fail(`Expected a string, a claim reference like c.Value, or a function call, found ${describeToken(token)}.`);
  }

  private parseActionBody(conditions: RuleCondition[]): RuleActionBody {
    const variables = new Set(conditions.flatMap((c) => (c.kind === 'selector' && c.variable ? [c.variable.toLowerCase()] : [])));
    const checkVariable = (expression: ClaimExpression, token: Token): void => {
      if (expression.kind === 'reference' && !variables.has(expression.variable.toLowerCase())) {
        // MS-CTA §2.1.4.2: every identifier in the action must be bound by a condition of the same rule.
        this.fail(`"${expression.variable}" is not defined by a condition of this rule (like ${expression.variable}:[Type == "…"]).`, token);
      }
      if (expression.kind === 'concat') expression.parts.forEach((part) => checkVariable(part, token));
      if (expression.kind === 'call') expression.args.forEach((arg) => checkVariable(arg, token));
    };

    if (this.isWord('claim') && this.isPunct('=', this.peek())) {
      this.index += 2;
      const variable = this.expectIdent('after "claim ="');
      if (!variables.has(variable.text.toLowerCase())) {
        this.fail(`"${variable.text}" is not defined by a condition of this rule (like ${variable.text}:[Type == "…"]).`, variable);
      }
      return { form: 'copy', variable: variable.text };
    }
    if (this.isWord('store') && this.isPunct('=', this.peek())) {
      this.index += 2;
      const store = this.expectString('as the attribute store name (like "Active Directory")');
      this.expectPunct(',', 'after the store name');
      if (!this.isWord('types')) this.fail(`Expected types = ("…") after the store, found ${describeToken(this.current)}.`);
      this.index += 1;
      this.expectPunct('=', 'after "types"');
      this.expectPunct('(', 'to start the list of claim types');
      const types = [this.expectString('as a claim type')];
      while (this.isPunct(',')) {
        this.index += 1;
        types.push(this.expectString('as a claim type'));
      }
      this.expectPunct(')', 'to close the list of claim types');
      this.expectPunct(',', 'after the claim types');
      if (!this.isWord('query')) this.fail(`Expected query = "…" after the claim types, found ${describeToken(this.current)}.`);
      this.index += 1;
      this.expectPunct('=', 'after "query"');
      const queryToken = this.current;
      const query = this.expectString('as the query');
      if (store.toLowerCase() === 'active directory') {
        const attributes = ldapQueryAttributes(query);
        if (attributes === null) {
          this.fail(`The Active Directory query "${query}" is not in the form ";attribute1,attribute2;{0}".`, queryToken);
        }
        if (attributes.length !== types.length) {
          // AD FS rejects the rule when the counts differ (domain notes: one attribute per claim type).
          this.fail(`The query asks for ${attributes.length} attribute${attributes.length === 1 ? '' : 's'} but types lists ${types.length} claim type${types.length === 1 ? '' : 's'}; they must be equal.`, queryToken);
        }
      }
      const params: ClaimExpression[] = [];
      while (this.isPunct(',')) {
        this.index += 1;
        if (!this.isWord('param')) this.fail(`Expected param = … after the query, found ${describeToken(this.current)}.`);
        this.index += 1;
        this.expectPunct('=', 'after "param"');
        const token = this.current;
        const param = this.parseExpression();
        checkVariable(param, token);
        params.push(param);
      }
      return { form: 'store', store, types, query, params };
    }
    const fields: ClaimField[] = [];
    for (;;) {
      const target = this.parseProperty('in the issued claim');
      this.expectPunct('=', `after ${target.property === 'properties' ? 'Properties["…"]' : 'the property name'}`);
      const token = this.current;
      const value = this.parseExpression();
      checkVariable(value, token);
      fields.push({ ...target, value });
      if (!this.isPunct(',')) break;
      this.index += 1;
    }
    if (!fields.some((field) => field.property === 'type')) {
      this.fail('The issued claim has no Type = "…".');
    }
    return { form: 'fields', fields };
  }
}

/** The attribute list of an Active Directory query ";a,b,c;{0}" (or "<filter>;a,b;{0}"), or null. */
export function ldapQueryAttributes(query: string): string[] | null {
  const parts = query.split(';');
  if (parts.length !== 3) return null;
  const attributes = (parts[1] ?? '').split(',').map((attribute) => attribute.trim());
  if (attributes.some((attribute) => attribute === '')) return null;
  return attributes;
}

export function parseClaimRules(source: string): ParseClaimRulesResult {
  if (source.length > MAX_RULES_TEXT_LENGTH) {
    return {
      ok: false,
      error: { line: 1, column: 1, message: `The rules text is ${source.length} characters; at most ${MAX_RULES_TEXT_LENGTH} are read. Paste only the relying party's issuance transform rules.` },
    };
  }
  try {
    return { ok: true, rules: new Parser(tokenize(source), source).parseRuleSet() };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, error: error.detail };
    throw error;
  }
}

export function formatSyntaxError(error: ClaimRuleSyntaxError): string {
  return `Line ${error.line}, column ${error.column}: ${error.message}`;
}
