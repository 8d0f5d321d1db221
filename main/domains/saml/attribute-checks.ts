/**
 * The site's rules for the identity a SAML assertion carries (docs/domain.md, from the site's public SSO
 * documentation and the seed's "SSO Protocol Error" topic): NameID in emailAddress format holding the email;
 * attributes firstname, lastname and email present and non-empty; uid and SAML_SUBJECT equal to the email *when
 * sent* (the planning guide: "set to the email address"; SAML_SUBJECT is an alternative to the NameID, so a
 * missing one is a warning, a different one an error); updatetimestamp configured, or Auto Account Update (32)
 * cannot work (warning); names compared case-sensitively (`Firstname` is not `firstname`); lengths within the
 * SSO URL API limits (firstname 32, lastname 32, email 64). One implementation, used by the response validator
 * and the attribute step alike.
 */
import type { SamlFinding } from '../../../shared/saml/validation-report.js';
import { EMAIL_NAMEID_FORMAT } from './sp-metadata-builder.js';

export const REQUIRED_ATTRIBUTES = ['firstname', 'lastname', 'email'] as const;
export const EMAIL_MIRROR_ATTRIBUTES = ['uid', 'SAML_SUBJECT'] as const;
/** Without it the site cannot tell whether a profile changed: Auto Account Update (error 32) does not work. */
export const UPDATE_TIMESTAMP_ATTRIBUTE = 'updatetimestamp';
export const SITE_ATTRIBUTE_LIMITS: Readonly<Record<string, number>> = { firstname: 32, lastname: 32, email: 64 };

/** Claim URIs AD FS issues when a rule sends the standard claim instead of the plain name the site reads. */
const KNOWN_ALIASES: Readonly<Record<string, readonly string[]>> = {
  firstname: ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', 'givenName', 'given_name'],
  lastname: ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', 'sn', 'surname'],
  email: ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'mail', 'emailaddress'],
  uid: [],
  SAML_SUBJECT: [],
  updatetimestamp: [],
};

export interface AttributeCheckInput {
  nameId: string | null;
  nameIdFormat: string | null;
  nameQualifier?: string | null;
  /** Attribute name → values, exactly as sent. */
  attributes: Readonly<Record<string, readonly string[]>>;
  /** The site URL, to compare a NameQualifier with (code 10). */
  siteUrl?: string;
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function looksLikeEmail(value: string): boolean {
  return EMAIL_SHAPE.test(value);
}

function finding(partial: Omit<SamlFinding, 'severity' | 'fixStep'> & Partial<Pick<SamlFinding, 'severity' | 'fixStep'>>): SamlFinding {
  return { severity: 'error', fixStep: 'attributes', ...partial };
}

function sameSiteUrl(a: string, b: string): boolean {
  const norm = (url: string) => url.trim().replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}

/** Where a missing attribute went: a differently-cased name (the site compares names case-sensitively) or an alias. */
function lookalike(name: string, attributes: AttributeCheckInput['attributes']): { sent: string; caseOnly: boolean } | undefined {
  const sent = Object.keys(attributes);
  const cased = sent.find((s) => s !== name && s.toLowerCase() === name.toLowerCase());
  if (cased !== undefined) return { sent: cased, caseOnly: true };
  const alias = sent.find((s) => (KNOWN_ALIASES[name] ?? []).some((a) => a.toLowerCase() === s.toLowerCase()));
  return alias === undefined ? undefined : { sent: alias, caseOnly: false };
}

function missingWording(name: string, sent: readonly string[] | undefined, alias: ReturnType<typeof lookalike>): string {
  const missing = sent === undefined ? 'missing' : 'empty';
  if (!alias) return missing;
  return alias.caseOnly ? `${missing}; sent as "${alias.sent}", and attribute names are case-sensitive` : `${missing}; sent as "${alias.sent}" instead`;
}

function renameAdvice(name: string, alias: ReturnType<typeof lookalike>): string {
  if (!alias) return '';
  return alias.caseOnly
    ? ` It arrived as "${alias.sent}": attribute names are case-sensitive, so the site does not see it. Change the outgoing claim type to "${name}" exactly.`
    : ` It arrived as "${alias.sent}": issue it with the plain name "${name}".`;
}

export function checkAttributes(input: AttributeCheckInput): SamlFinding[] {
  const findings: SamlFinding[] = [];
  const nameId = input.nameId?.trim() ?? '';

  if (nameId === '') {
    findings.push(
      finding({
        check: 'nameid-present',
        ssoCode: 2,
        field: 'Assertion/Subject/NameID',
        expected: 'the user\'s email address',
        actual: input.nameId === null ? 'no NameID' : 'an empty NameID',
        explanation: 'The site takes the user name from the NameID, and the assertion has none. Add the claim rule that transforms the email address into a Name ID with the emailAddress format.',
      }),
    );
  } else {
    if (input.nameIdFormat !== EMAIL_NAMEID_FORMAT) {
      findings.push(
        finding({
          check: 'nameid-format',
          ssoCode: 25,
          field: 'Assertion/Subject/NameID/@Format',
          expected: EMAIL_NAMEID_FORMAT,
          actual: input.nameIdFormat ?? '(none: unspecified)',
          explanation: 'The site requires the NameID in emailAddress format. Issue the Name ID from the email claim with the emailAddress format (a transient or unspecified NameID is refused).',
        }),
      );
    }
    if (!looksLikeEmail(nameId)) {
      findings.push(
        finding({
          check: 'nameid-format',
          ssoCode: 25,
          field: 'Assertion/Subject/NameID',
          expected: 'an email address',
          actual: nameId,
          explanation: 'The NameID value is not an email address. Transform E-Mail-Addresses into the Name ID, not the account name or a generated identifier.',
        }),
      );
    }
  }

  const qualifier = input.nameQualifier ?? null;
  if (qualifier !== null && qualifier !== '' && input.siteUrl !== undefined && !sameSiteUrl(qualifier, input.siteUrl)) {
    findings.push(
      finding({
        check: 'name-qualifier',
        ssoCode: 10,
        field: 'Assertion/Subject/NameID/@NameQualifier',
        expected: `absent, or ${input.siteUrl}`,
        actual: qualifier,
        explanation: 'The NameID carries a NameQualifier that is not the site URL. Remove the NameQualifier property from the Name ID claim rule, or set it to the site URL.',
      }),
    );
  }

  const values: Record<string, string | undefined> = {};
  for (const name of [...REQUIRED_ATTRIBUTES, ...EMAIL_MIRROR_ATTRIBUTES]) {
    const sent = input.attributes[name];
    const first = sent?.find((v) => v.trim() !== '');
    values[name] = first?.trim();
    const required = (REQUIRED_ATTRIBUTES as readonly string[]).includes(name);
    if (first === undefined) {
      const alias = lookalike(name, input.attributes);
      findings.push(
        finding({
          check: alias?.caseOnly ? 'attribute-case' : 'attribute-required',
          // uid and SAML_SUBJECT are set to the email *when sent*; the NameID carries the identity (planning guide).
          severity: required ? 'error' : 'warning',
          ssoCode: required ? 31 : null,
          field: `Assertion/AttributeStatement/Attribute[@Name="${name}"]`,
          expected: required ? 'a non-empty value' : 'absent, or the user\'s email address',
          actual: missingWording(name, sent, alias),
          explanation: required
            ? `The site needs the attribute "${name}" to create the account (error 31) or update it (error 32).${alias ? renameAdvice(name, alias) : ' Add it to the claim rules (LDAP attribute → outgoing claim type with this exact name).'}`
            : `"${name}" is not sent. The site does not require it (the NameID carries the user), but where the site's SSO settings map ${name}, it must be the user's email address; issue it from E-Mail-Addresses if you send it.${renameAdvice(name, alias)}`,
        }),
      );
      continue;
    }
    if (sent && sent.length > 1) {
      findings.push(
        finding({
          check: 'attribute-match',
          severity: 'warning',
          ssoCode: null,
          field: `Assertion/AttributeStatement/Attribute[@Name="${name}"]`,
          expected: 'one value',
          actual: `${sent.length} values: ${sent.slice(0, 5).join(', ')}${sent.length > 5 ? ', …' : ''}`,
          explanation: `"${name}" has several values; the site will use one of them. Send one value.`,
        }),
      );
    }
    const limit = SITE_ATTRIBUTE_LIMITS[name];
    if (limit !== undefined && first.trim().length > limit) {
      findings.push(
        finding({
          check: 'attribute-length',
          ssoCode: 32,
          field: `Assertion/AttributeStatement/Attribute[@Name="${name}"]`,
          expected: `at most ${limit} characters`,
          actual: `${first.trim().length} characters: ${first.trim().slice(0, 80)}`,
          explanation: `The site limits ${name} to ${limit} characters (SSO URL API), so account creation (31) or update (32) fails. Shorten the value in the directory or map a shorter attribute.`,
        }),
      );
    }
  }

  const stamp = input.attributes[UPDATE_TIMESTAMP_ATTRIBUTE]?.find((v) => v.trim() !== '');
  if (stamp === undefined) {
    const alias = lookalike(UPDATE_TIMESTAMP_ATTRIBUTE, input.attributes);
    findings.push(
      finding({
        check: alias?.caseOnly ? 'attribute-case' : 'attribute-required',
        severity: 'warning',
        ssoCode: 32,
        field: `Assertion/AttributeStatement/Attribute[@Name="${UPDATE_TIMESTAMP_ATTRIBUTE}"]`,
        expected: 'the time the user\'s directory entry last changed (AD: whenChanged)',
        actual: missingWording(UPDATE_TIMESTAMP_ATTRIBUTE, input.attributes[UPDATE_TIMESTAMP_ATTRIBUTE], alias),
        explanation: `Sign-in works, but Auto Account Update cannot: the site updates an account only when updatetimestamp is newer than its copy (planning guide), so changed names or addresses never reach the site (error 32 when it is turned on). Issue whenChanged as "updatetimestamp".${renameAdvice(UPDATE_TIMESTAMP_ATTRIBUTE, alias)}`,
      }),
    );
  }

  const email = values['email'];
  if (email !== undefined) {
    if (!looksLikeEmail(email)) {
      findings.push(
        finding({
          check: 'attribute-match',
          ssoCode: 32,
          field: 'Assertion/AttributeStatement/Attribute[@Name="email"]',
          expected: 'an email address',
          actual: email,
          explanation: 'The email attribute is not an email address. Map E-Mail-Addresses (mail) to the email claim.',
        }),
      );
    }
    for (const mirror of EMAIL_MIRROR_ATTRIBUTES) {
      const value = values[mirror];
      if (value !== undefined && value.toLowerCase() !== email.toLowerCase()) {
        findings.push(
          finding({
            check: 'attribute-match',
            ssoCode: 32,
            field: `Assertion/AttributeStatement/Attribute[@Name="${mirror}"]`,
            expected: email,
            actual: value,
            explanation: `${mirror} must equal the user's email address (seed: SSO Protocol Error), or the site cannot match the account. Issue ${mirror} from E-Mail-Addresses.`,
          }),
        );
      }
    }
    if (nameId !== '' && looksLikeEmail(nameId) && nameId.toLowerCase() !== email.toLowerCase()) {
      findings.push(
        finding({
          check: 'attribute-match',
          severity: 'warning',
          ssoCode: 3,
          field: 'Assertion/Subject/NameID',
          expected: email,
          actual: nameId,
          explanation: 'The NameID and the email attribute differ; the site looks the user up by the NameID, so it may not find the account (error 3). Issue both from E-Mail-Addresses.',
        }),
      );
    }
  }
  return findings;
}
