/**
 * Step 4 "before any sign-in": which of the site's required attributes AD FS will send, under which names and
 * formats, and from which Active Directory attribute — worked out from the claim rules (the wizard's own or
 * rules pasted from `Get-AdfsRelyingPartyTrust | Select -Expand IssuanceTransformRules`) and the IdP
 * metadata's offered claims and NameID formats. Every missing or wrong attribute comes with the site error
 * codes it would cause (seed table: 2 no user name, 25 NameID format, 31/32 account creation/update) and the
 * exact claim rule that fixes it.
 *
 * The rules are evaluated symbolically in order, as the AD FS claims engine runs them ("The Role of the
 * Claims Engine"): `issue` adds to the output and to the evaluation context, `add` only to the context.
 * Value tests cannot be decided without a user, so rules that depend on them are reported as conditional.
 */
import { REQUIRED_ATTRIBUTE_NAMES, type AttributeFinding, type LdapMapping, type RulesAnalysis } from '../../../shared/api/adfs-schemas.js';
import {
  buildEmailClaimRule,
  buildNameIdRule,
  buildSingleAttributeRule,
  CLAIM_TYPES,
  EMAIL_NAME_ID_FORMAT,
  NAME_ID_FORMAT_PROPERTY,
} from './claim-rules-builder.js';
import { ldapQueryAttributes, type ClaimExpression, type ClaimMatch, type ParsedClaimRule } from './claim-rules-parser.js';

export const ATTRIBUTE_NAME_PROPERTY = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claimproperties/attributename';
const UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const GROUP_SID = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groupsid';
const PRIMARY_SID = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/primarysid';
const NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';

export type ClaimOrigin =
  | { kind: 'ldap'; attribute: string }
  | { kind: 'constant'; value: string }
  | { kind: 'claim'; type: string }
  | { kind: 'store'; store: string }
  | { kind: 'derived'; description: string };

interface SymbolicClaim {
  type: string;
  issuer: string;
  origin: ClaimOrigin;
  properties: Record<string, string>;
  /** The rule that produced it depends on a value test or a count. */
  conditional: boolean;
  ruleName: string | null;
}

export type { AttributeFinding };

export interface OfferedClaims {
  claims: { uri: string; displayName: string | null }[];
  nameIdFormats: string[];
}

/** What the analysis finds: the wire shape RulesAnalysisSchema (shared/) without what the handler adds. */
export type RequiredClaimsAnalysis = Omit<RulesAnalysis, 'basis' | 'ruleCount'>;

const ACCOUNT_CODES = [31, 32];

function describeOrigin(origin: ClaimOrigin): string {
  switch (origin.kind) {
    case 'ldap':
      return `LDAP attribute ${origin.attribute}`;
    case 'constant':
      return `the fixed value "${origin.value}"`;
    case 'claim':
      return `the incoming claim ${origin.type}`;
    case 'store':
      return `the attribute store "${origin.store}"`;
    case 'derived':
      return origin.description;
  }
}

function sameOrigin(a: ClaimOrigin, b: ClaimOrigin): boolean {
  if (a.kind === 'ldap' && b.kind === 'ldap') return a.attribute.toLowerCase() === b.attribute.toLowerCase();
  if (a.kind === 'claim' && b.kind === 'claim') return a.type.toLowerCase() === b.type.toLowerCase();
  return false;
}

function literal(expression: ClaimExpression | undefined): string | null {
  return expression?.kind === 'string' ? expression.value : null;
}

interface MatchOutcome {
  matches: boolean;
  conditional: boolean;
}

/** Whether a claim passes the selector's tests; tests on values or unknown properties make it conditional. */
function testClaim(claim: SymbolicClaim, tests: ClaimMatch[]): MatchOutcome {
  let conditional = false;
  for (const test of tests) {
    const expected = literal(test.value);
    const actual = test.property === 'type' ? claim.type : test.property === 'issuer' ? claim.issuer : test.property === 'properties' ? claim.properties[test.propertyKey ?? ''] : undefined;
    if (actual === undefined || expected === null || (test.property === 'issuer' && claim.issuer === '')) {
      conditional = true;
      continue;
    }
    let equal: boolean;
    if (test.operator === '==' || test.operator === '!=') {
      equal = actual.toLowerCase() === expected.toLowerCase();
    } else {
      try {
        equal = new RegExp(expected.replace(/^\(\?i\)/, ''), 'i').test(actual);
      } catch {
        conditional = true;
        continue;
      }
    }
    const passes = test.operator === '==' || test.operator === '=~' ? equal : !equal;
    if (!passes) return { matches: false, conditional };
  }
  return { matches: true, conditional };
}

function evaluate(rules: ParsedClaimRule[]): { output: SymbolicClaim[]; context: SymbolicClaim[] } {
  // What the Active Directory claims provider trust passes in for a Windows user (its acceptance rules).
  const context: SymbolicClaim[] = [
    { type: CLAIM_TYPES.windowsAccountName, issuer: 'AD AUTHORITY', origin: { kind: 'claim', type: CLAIM_TYPES.windowsAccountName }, properties: {}, conditional: false, ruleName: null },
    { type: UPN, issuer: 'AD AUTHORITY', origin: { kind: 'ldap', attribute: 'userPrincipalName' }, properties: {}, conditional: false, ruleName: null },
    ...[GROUP_SID, PRIMARY_SID, NAME].map((type) => ({ type, issuer: 'AD AUTHORITY', origin: { kind: 'claim' as const, type }, properties: {}, conditional: false, ruleName: null })),
  ];
  const output: SymbolicClaim[] = [];
  for (const rule of rules) {
    const bindings = new Map<string, SymbolicClaim>();
    let fires = true;
    let conditional = false;
    for (const condition of rule.conditions) {
      if (condition.kind === 'selector') {
        const candidates = context.map((claim) => ({ claim, outcome: testClaim(claim, condition.matches) })).filter((entry) => entry.outcome.matches);
        const chosen = candidates.find((entry) => !entry.outcome.conditional) ?? candidates[0];
        if (!chosen) {
          fires = false;
          break;
        }
        conditional ||= chosen.outcome.conditional || chosen.claim.conditional;
        if (condition.variable) bindings.set(condition.variable.toLowerCase(), chosen.claim);
      } else if (condition.fn === 'count') {
        conditional = true;
      } else {
        const found = context.map((claim) => testClaim(claim, condition.matches)).filter((outcome) => outcome.matches);
        const exists = found.length > 0;
        if (found.some((outcome) => outcome.conditional)) conditional = true;
        if ((condition.fn === 'exists') !== exists && !found.some((outcome) => outcome.conditional)) {
          fires = false;
          break;
        }
      }
    }
    if (!fires) continue;
    const originOf = (expression: ClaimExpression | undefined, fallback: ClaimOrigin): ClaimOrigin => {
      if (!expression) return fallback;
      if (expression.kind === 'string') return { kind: 'constant', value: expression.value };
      if (expression.kind === 'reference' && expression.property === 'value') {
        return bindings.get(expression.variable.toLowerCase())?.origin ?? fallback;
      }
      return { kind: 'derived', description: expression.kind === 'call' ? `${expression.name}(…) of another claim` : 'a combination of claims' };
    };
    const produced: SymbolicClaim[] = [];
    const action = rule.action;
    if (action.form === 'copy') {
      const bound = bindings.get(action.variable.toLowerCase());
      if (bound) produced.push({ ...bound, conditional: conditional || bound.conditional, ruleName: rule.name });
    } else if (action.form === 'store') {
      const attributes = action.store.toLowerCase() === 'active directory' ? ldapQueryAttributes(action.query) : null;
      action.types.forEach((type, index) => {
        const attribute = attributes?.[index];
        produced.push({
          type,
          issuer: 'AD AUTHORITY',
          origin: attribute ? { kind: 'ldap', attribute } : { kind: 'store', store: action.store },
          properties: {},
          conditional,
          ruleName: rule.name,
        });
      });
    } else {
      const field = (property: string) => action.fields.find((candidate) => candidate.property === property);
      const type = literal(field('type')?.value);
      if (type !== null) {
        const properties: Record<string, string> = {};
        for (const candidate of action.fields) {
          const value = literal(candidate.value);
          if (candidate.property === 'properties' && candidate.propertyKey && value !== null) properties[candidate.propertyKey] = value;
        }
        const valueField = field('value')?.value;
        produced.push({
          type,
          issuer: 'LOCAL AUTHORITY',
          origin: originOf(valueField, { kind: 'derived', description: 'no value' }),
          properties,
          conditional,
          ruleName: rule.name,
        });
      }
    }
    context.push(...produced);
    if (action.verb === 'issue') output.push(...produced);
  }
  return { output, context };
}

function fixMapping(mapping: LdapMapping, emailOrigin: ClaimOrigin | null): LdapMapping {
  // A fix for uid / SAML_SUBJECT must read the same LDAP attribute the email actually comes from.
  const email = emailOrigin?.kind === 'ldap' ? emailOrigin.attribute : mapping.email;
  return { ...mapping, email, uid: email, SAML_SUBJECT: email };
}

export function analyzeRequiredClaims(input: { rules: ParsedClaimRule[] | null; mapping: LdapMapping; offered: OfferedClaims | null }): RequiredClaimsAnalysis {
  const notes: string[] = [];
  if (input.offered && input.offered.nameIdFormats.length > 0 && !input.offered.nameIdFormats.includes(EMAIL_NAME_ID_FORMAT)) {
    notes.push(`The IdP metadata lists the NameID formats ${input.offered.nameIdFormats.join(', ')} but not ${EMAIL_NAME_ID_FORMAT}: the site would show error 25 (Name Identifier format is incorrect).`);
  }
  if (input.rules === null) return fromOfferedOnly(input.offered, input.mapping, notes);

  const { output, context } = evaluate(input.rules);
  const byType = (type: string) => output.find((claim) => claim.type === type);
  const email = byType('email');
  const mapping = fixMapping(input.mapping, email?.origin ?? null);
  const findings: AttributeFinding[] = REQUIRED_ATTRIBUTE_NAMES.map((attribute) => {
    const claim = byType(attribute);
    const fixRule = buildSingleAttributeRule(attribute, mapping).text;
    if (!claim) {
      const nearMiss = output.find((candidate) => candidate.type.toLowerCase() === attribute.toLowerCase());
      return {
        attribute,
        status: nearMiss ? 'wrong' : 'missing',
        sentAs: nearMiss?.type ?? null,
        format: null,
        source: nearMiss ? describeOrigin(nearMiss.origin) : null,
        ruleName: nearMiss?.ruleName ?? null,
        problem: nearMiss
          ? `Sent as "${nearMiss.type}", but the site matches attribute names exactly: it needs "${attribute}".`
          : `No rule issues a claim of type "${attribute}", so the site receives no ${attribute} attribute.`,
        siteErrorCodes: ACCOUNT_CODES,
        fixRule,
      };
    }
    const base = {
      attribute,
      sentAs: claim.type,
      format: claim.properties[ATTRIBUTE_NAME_PROPERTY] ?? null,
      source: describeOrigin(claim.origin),
      ruleName: claim.ruleName,
    };
    if ((attribute === 'uid' || attribute === 'SAML_SUBJECT') && email && !sameOrigin(claim.origin, email.origin)) {
      return {
        ...base,
        status: 'wrong' as const,
        problem: `${attribute} comes from ${describeOrigin(claim.origin)} but email from ${describeOrigin(email.origin)}; the site needs ${attribute} equal to the email address. Replace the rule that issues ${attribute} with this one.`,
        siteErrorCodes: ACCOUNT_CODES,
        fixRule,
      };
    }
    if (claim.conditional) {
      return { ...base, status: 'conditional' as const, problem: `Sent only when the conditions of the rule "${claim.ruleName ?? 'unnamed'}" hold for the user.`, siteErrorCodes: ACCOUNT_CODES, fixRule };
    }
    return { ...base, status: 'sent' as const, problem: null, siteErrorCodes: [], fixRule: null };
  });

  findings.push(nameIdFinding(output, context, email?.origin ?? null, mapping));
  const known = new Set<string>([...REQUIRED_ATTRIBUTE_NAMES, CLAIM_TYPES.nameIdentifier]);
  const extraClaims = [...new Set(output.map((claim) => claim.type).filter((type) => !known.has(type)))];
  if (input.offered && input.offered.claims.length > 0 && !input.offered.claims.some((claim) => claim.uri === CLAIM_TYPES.emailAddress)) {
    notes.push('The AD FS metadata does not publish the E-Mail Address claim description. That does not stop the rules above from issuing it; publish it only if other relying parties need it.');
  }
  return { findings, extraClaims, notes, allPresent: findings.every((finding) => finding.status === 'sent') };
}

function nameIdFinding(output: SymbolicClaim[], context: SymbolicClaim[], emailOrigin: ClaimOrigin | null, mapping: LdapMapping): AttributeFinding {
  const nameId = output.find((claim) => claim.type.toLowerCase() === CLAIM_TYPES.nameIdentifier);
  const hasEmailClaim = context.some((claim) => claim.type === CLAIM_TYPES.emailAddress);
  const fixRule = hasEmailClaim ? buildNameIdRule().text : `${buildEmailClaimRule(mapping).text}\n\n${buildNameIdRule().text}`;
  if (!nameId) {
    return {
      attribute: 'NameID',
      status: 'missing',
      sentAs: null,
      format: null,
      source: null,
      ruleName: null,
      problem: 'No rule issues a Name ID claim, so the assertion has no user name.',
      siteErrorCodes: [2],
      fixRule,
    };
  }
  const format = nameId.properties[NAME_ID_FORMAT_PROPERTY] ?? null;
  const base = { attribute: 'NameID' as const, sentAs: 'NameID', format, source: describeOrigin(nameId.origin), ruleName: nameId.ruleName };
  if (format !== EMAIL_NAME_ID_FORMAT) {
    return {
      ...base,
      status: 'wrong',
      problem: `The NameID format is ${format ?? 'not set (AD FS then sends unspecified)'}; the site needs ${EMAIL_NAME_ID_FORMAT}.`,
      siteErrorCodes: [25],
      fixRule,
    };
  }
  if (emailOrigin && !sameOrigin(nameId.origin, emailOrigin)) {
    return {
      ...base,
      status: 'wrong',
      problem: `The NameID comes from ${describeOrigin(nameId.origin)} but email from ${describeOrigin(emailOrigin)}; the NameID must be the user's email address.`,
      siteErrorCodes: ACCOUNT_CODES,
      fixRule,
    };
  }
  if (nameId.conditional) {
    return { ...base, status: 'conditional', problem: `Sent only when the conditions of the rule "${nameId.ruleName ?? 'unnamed'}" hold for the user.`, siteErrorCodes: [2], fixRule };
  }
  return { ...base, status: 'sent', problem: null, siteErrorCodes: [], fixRule: null };
}

/** No rules (another SAML IdP): only what its metadata advertises, which IdPs often leave incomplete. */
function fromOfferedOnly(offered: OfferedClaims | null, mapping: LdapMapping, notes: string[]): RequiredClaimsAnalysis {
  notes.push('No claim rules were given: this shows only what the IdP metadata advertises. Paste the relying party\'s rules, or check the attributes after a sign-in.');
  const claims = offered?.claims ?? [];
  const findings: AttributeFinding[] = REQUIRED_ATTRIBUTE_NAMES.map((attribute) => {
    const listed = claims.find((claim) => claim.uri === attribute || claim.displayName === attribute);
    return {
      attribute,
      status: listed ? 'sent' : 'unknown',
      sentAs: listed ? listed.uri : null,
      format: null,
      source: listed ? 'offered in the IdP metadata' : null,
      ruleName: null,
      problem: listed ? null : `The IdP metadata does not list "${attribute}". It may still be sent; configure the IdP to release it.`,
      siteErrorCodes: listed ? [] : ACCOUNT_CODES,
      fixRule: listed ? null : buildSingleAttributeRule(attribute, mapping).text,
    };
  });
  const formats = offered?.nameIdFormats ?? [];
  findings.push({
    attribute: 'NameID',
    status: formats.includes(EMAIL_NAME_ID_FORMAT) ? 'sent' : 'unknown',
    sentAs: 'NameID',
    format: formats.includes(EMAIL_NAME_ID_FORMAT) ? EMAIL_NAME_ID_FORMAT : null,
    source: null,
    ruleName: null,
    problem: formats.includes(EMAIL_NAME_ID_FORMAT) ? null : `The IdP metadata does not list the NameID format ${EMAIL_NAME_ID_FORMAT}.`,
    siteErrorCodes: formats.includes(EMAIL_NAME_ID_FORMAT) ? [] : [25],
    fixRule: formats.includes(EMAIL_NAME_ID_FORMAT) ? null : buildNameIdRule().text,
  });
  return { findings, extraClaims: [], notes, allPresent: findings.every((finding) => finding.status === 'sent') };
}
