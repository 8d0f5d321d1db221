import { promises as fs } from 'node:fs';
import type { Profile } from '../../../../shared/api/profile-schemas.js';
import { ok } from '../../../../shared/result.js';
import type { IdpSettings } from '../../../../shared/saml/idp-settings.js';
import type { ValidationReport } from '../../../../shared/saml/validation-report.js';
import { parseSiteUrl, type SiteUrl } from '../../../../shared/site-url.js';
import { ssoError } from '../../../../shared/sso-errors/catalogue.js';
import { callCore, reportError } from '../call-core.js';
import { fileProblem } from '../file-problem.js';
import { cliFixTarget } from '../cli-words.js';
import type { Command, CommandContext } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { resolveProfile } from '../profile-resolver.js';
import { UsageError } from '../usage-error.js';
import { formatDateTime } from '../../../../shared/date-time-text.js';

const USAGE = `Usage: sso-wizard decode --response <file|-> [--profile ID|NAME] [options]
       sso-wizard decode --response <file|-> (--idp-metadata FILE | --idp-cert FILE) --site-url URL [options]
       sso-wizard decode [options] FILE...

Validates a SAML response the way the site does and names the site error code each problem leads to.
Everything runs locally: the response never leaves this computer. Several responses (--response more than
once, or files after the options) are checked in one run, each against the same IdP and site, which is
much faster than one run per file; the exit code is then the worst of them.

By default the active profile (or --profile) gives the IdP (its imported metadata: entity ID and signing
certificates), the site URL, the SP entity ID and the ACS URL, as the wizard's Decode panel does. Options
override it: --idp-metadata or --idp-cert replaces the profile's IdP, --site-url its site (then the SP entity ID
and ACS URL are derived from the URL given, unless given too). With both an IdP file and --site-url, no profile
is needed.

Options:
  --response FILE|-        The SAMLResponse as POSTed (Base64, URL-encoded, or the whole form body) or its XML; - reads stdin.
                           Give it more than once (or list the files after the options) to check several.
  --idp-metadata FILE      The IdP's metadata (AD FS FederationMetadata.xml): entity ID and every signing certificate.
  --idp-cert FILE          Or just the IdP's token-signing certificate (PEM, Base64 or DER).
  --idp-entity-id ID       The IdP entity ID the site is configured with (default: from the metadata; with only a
                           certificate, the response's own Issuer is taken and the issuer check is skipped).
  --site-url URL           The meeting site, like https://meet.example.com.
  --sp-entity-id ID        The site's SP entity ID (default: the site URL).
  --acs-url URL            The site's ACS URL (default: derived from the site URL).
  --request-id ID          The ID of the AuthnRequest that was sent (checks InResponseTo).
  --binding B              How the response arrived: POST (default), Redirect, GET or unknown.
  --now ISO-8601           Check as of this time instead of now (e.g. when the response was captured).
  --skew SECONDS           Allowed clock difference (default 180).
  --sp-key FILE            The site's private key (PEM), to decrypt an encrypted assertion (default, with a
                           profile: the key the wizard keeps for the site's certificate).
  --profile ID|NAME        The site profile to take the IdP and the site from (default: the active one).
  --json                   Print the report as JSON (several responses: a list of {file, report} or {file, refused}).

Exit codes: 0 the site would sign the user in, 1 findings block the sign-in, 2 bad usage or unreadable input.
With several responses: 0 only if every one would sign in, 2 if any could not be checked, else 1.`;

const OPTIONS = {
  response: { type: 'string', multiple: true },
  'idp-metadata': { type: 'string' },
  'idp-cert': { type: 'string' },
  'idp-entity-id': { type: 'string' },
  'site-url': { type: 'string' },
  'sp-entity-id': { type: 'string' },
  'acs-url': { type: 'string' },
  'request-id': { type: 'string' },
  binding: { type: 'string' },
  now: { type: 'string' },
  skew: { type: 'string' },
  'sp-key': { type: 'string' },
  profile: { type: 'string' },
} as const;

async function readInput(file: string, what: string): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${what} "${file}": ${fileProblem(error)}. Check the path.`);
  }
}

export function renderReport(report: ValidationReport): string {
  const lines = [report.signsIn ? `OK: ${report.summary}` : `FAILED: ${report.summary}`];
  if (report.findings.length > 0) {
    lines.push('', 'Findings:');
    for (const f of report.findings) {
      const code = f.ssoCode ? ` [error ${f.ssoCode}: ${ssoError(f.ssoCode)?.description ?? ''}]` : '';
      lines.push(`  ${f.severity.toUpperCase()}${code} ${f.field}`);
      if (f.expected !== null) lines.push(`    expected: ${f.expected}`);
      if (f.actual !== null) lines.push(`    actual:   ${f.actual}`);
      lines.push(`    → ${f.explanation}`);
      if (f.fixStep) lines.push(`    Fix with ${cliFixTarget(f.fixStep)}.`);
    }
  }
  const d = report.decoded;
  lines.push('', 'Decoded:');
  const row = (label: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') lines.push(`  ${label.padEnd(16)}${value}`);
  };
  row('Issuer', d.issuer ?? d.assertionIssuer);
  row('Status', d.statusCode);
  row('Destination', d.destination);
  row('Recipient', d.recipient);
  row('InResponseTo', d.inResponseTo);
  row('IssueInstant', d.issueInstant);
  row('Checked at', `${formatDateTime(d.checkedAt)}${d.clockDifferenceSeconds !== null ? ` (${d.clockDifferenceSeconds} s after IssueInstant)` : ''}`);
  row('NotBefore', d.notBefore);
  row('NotOnOrAfter', d.notOnOrAfter);
  row('Audience', d.audiences.join(', '));
  row('NameID', d.nameId ? `${d.nameId} (${d.nameIdFormat ?? 'no format'})` : null);
  for (const [name, values] of Object.entries(d.attributes)) row(`  ${name}`, values.join(', '));
  row('Signed', `${d.responseSigned ? 'response' : ''}${d.responseSigned && d.assertionSigned ? ' and ' : ''}${d.assertionSigned ? 'assertion' : ''}${!d.responseSigned && !d.assertionSigned ? 'nothing' : ''}${d.encrypted ? ' (assertion encrypted)' : ''}`);
  if (d.signingCertificate) {
    row('Signing cert', `${d.signingCertificate.subject}, valid until ${d.signingCertificate.notAfter} (${d.signingCertificate.source === 'configured' ? 'the configured one' : 'embedded in the response, NOT the configured one'})`);
    row('  SHA-256', d.signingCertificate.sha256Fingerprint);
  }
  return lines.join('\n');
}

/** The contract's field names, as the options that carry them (an invalid one is bad usage: exit 2). */
const OPTION_OF_FIELD: Record<string, string> = {
  samlResponse: '--response',
  idpFileBase64: '--idp-metadata or --idp-cert',
  idpEntityId: '--idp-entity-id',
  siteUrl: '--site-url',
  spEntityId: '--sp-entity-id',
  acsUrl: '--acs-url',
  requestId: '--request-id',
  at: '--now',
  skewSeconds: '--skew',
  spPrivateKeyPem: '--sp-key',
};

type Defaults = { ok: true; profile: Profile | undefined; idp: IdpSettings | null } | { ok: false; exit: number };

/** The profile (and its IdP) for what the options leave open; nothing when the options give it all. */
async function profileDefaults(context: CommandContext, need: { profileRef: string | undefined; needIdp: boolean; needSite: boolean }): Promise<Defaults> {
  if (!need.needIdp && !need.needSite && need.profileRef === undefined) return { ok: true, profile: undefined, idp: null };
  const resolved = await resolveProfile(context, need.profileRef);
  if (!resolved.ok) {
    if (need.profileRef !== undefined) return { ok: false, exit: reportError(context, resolved) };
    throw new UsageError(
      `No profile is active to take ${need.needIdp && need.needSite ? 'the IdP and the site' : need.needIdp ? 'the IdP' : 'the site'} from: give ${[need.needIdp ? '--idp-metadata FILE (or --idp-cert FILE)' : '', need.needSite ? '--site-url URL' : ''].filter(Boolean).join(' and ')}, or create a profile (sso-wizard profile add --name NAME --site-url URL).`,
      USAGE,
    );
  }
  const profile = resolved.value;
  if (!need.needIdp) return { ok: true, profile, idp: null };
  const idp = await callCore(context, 'idp.get', { profileId: profile.id });
  if (!idp.ok) return { ok: false, exit: reportError(context, idp) };
  if (!idp.value) {
    throw new UsageError(
      `The profile "${profile.name}" has no IdP yet: give --idp-metadata FILE (AD FS: FederationMetadata.xml) or --idp-cert FILE, or import the IdP's metadata in the wizard's IdP settings ("sso-wizard serve" opens the wizard).`,
      USAGE,
    );
  }
  return { ok: true, profile, idp: idp.value };
}

/** The profile's IdP as a metadata file for saml.check: its entity ID and every signing certificate, as imported. */
function metadataOf(idp: IdpSettings): string {
  const keys = idp.signingCertificates
    .filter((certificate) => certificate.use !== 'encryption')
    .map((certificate) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificate.pem.replace(/-----[A-Z ]+-----|\s/g, '')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
    .join('');
  const entityId = (idp.entityId ?? '').replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}</md:IDPSSODescriptor></md:EntityDescriptor>`;
}

/** One response's outcome: its report, or why it could not be checked (the core refused that file's content). */
type Checked = { file: string; report: ValidationReport } | { file: string; refused: string };

/** How a response file is named in a batch's output. */
function responseName(file: string): string {
  return file === '-' ? '(standard input)' : file;
}

export const decodeCommand: Command = {
  name: 'decode',
  summary: 'Validate a captured SAML response offline and name the site error codes it would cause.',
  usage: USAGE,
  async run(context) {
    const { values, positionals } = parseCommandArgs(context.args, OPTIONS, USAGE, true);
    const responseFiles = [...(values.response ?? []), ...positionals];
    if (responseFiles.length === 0) throw new UsageError('Give the response with --response FILE (or - for stdin).', USAGE);
    if (responseFiles.filter((file) => file === '-').length > 1) throw new UsageError('Standard input (-) can be read once: give - as one response only.', USAGE);
    const batch = responseFiles.length > 1;
    if (values['idp-metadata'] && values['idp-cert']) throw new UsageError('Give one of --idp-metadata FILE or --idp-cert FILE, not both.', USAGE);
    let site: SiteUrl | undefined;
    if (values['site-url'] !== undefined) {
      const parsed = parseSiteUrl(values['site-url']);
      if (!parsed.ok) throw new UsageError(`--site-url: ${parsed.problem}`);
      site = parsed.url;
    }
    const binding = values.binding ?? 'POST';
    if (binding !== 'POST' && binding !== 'Redirect' && binding !== 'GET' && binding !== 'unknown') throw new UsageError('--binding is one of POST, Redirect, GET, unknown.');
    let now = new Date();
    if (values.now !== undefined) {
      now = new Date(values.now);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || Number.isNaN(now.getTime())) throw new UsageError(`--now "${values.now}" is not an ISO 8601 time, like 2026-11-28T12:00:00Z.`);
    }
    let skewSeconds: number | undefined;
    if (values.skew !== undefined) {
      skewSeconds = Number(values.skew);
      if (!/^\d+$/.test(values.skew) || skewSeconds > 86_400) throw new UsageError('--skew is a whole number of seconds between 0 and 86400.');
    }
    const idpOption = values['idp-metadata'] ? '--idp-metadata' : '--idp-cert';
    const idpFileName = values['idp-metadata'] ?? values['idp-cert'];

    // What the options leave open comes from the profile (the active one, or --profile).
    const from = await profileDefaults(context, { profileRef: values.profile, needIdp: idpFileName === undefined, needSite: site === undefined });
    if (!from.ok) return from.exit;
    const { profile, idp } = from;
    // Every file is read before anything is checked: an unreadable one is bad usage, and nothing is reported.
    const responses: { file: string; text: string }[] = [];
    for (const file of responseFiles) responses.push({ file, text: (await readInput(file, 'the response')).toString('utf8') });
    const spKey = values['sp-key'] ? (await readInput(values['sp-key'], 'the site key')).toString('utf8') : undefined;
    const idpFileBase64 = idpFileName !== undefined ? (await readInput(idpFileName, 'the IdP file')).toString('base64') : undefined;
    const common = {
      binding,
      ...(values['request-id'] ? { requestId: values['request-id'] } : {}),
      ...(values.now !== undefined ? { at: now.toISOString() } : {}),
      ...(skewSeconds !== undefined ? { skewSeconds } : {}),
    } as const;
    const overridden = idpFileName !== undefined || site !== undefined || spKey !== undefined || ['sp-entity-id', 'acs-url', 'idp-entity-id'].some((name) => values[name as keyof typeof values] !== undefined);
    if (profile && !context.json) context.io.err(`Checking against the profile "${profile.name}" (${profile.siteUrl})${overridden ? ', with the options given overriding it' : ''}.`);

    // The same app-level check as Decode, step 4 and step 5, through the contract: the profile as it is
    // (saml.decode, the wizard's Decode panel), or what the options give, filled from the profile (saml.check).
    // Built once; each response only adds itself.
    const fromOptions =
      profile && !overridden
        ? undefined
        : {
            ...common,
            idpFileBase64: idpFileBase64 ?? Buffer.from(metadataOf(idp!)).toString('base64'),
            siteUrl: site?.href ?? profile!.siteUrl,
            ...(values['idp-entity-id'] ? { idpEntityId: values['idp-entity-id'] } : idpFileName === undefined && idp?.entityId ? { idpEntityId: idp.entityId } : {}),
            // A site given by option is another site than the profile's: its SP entity ID and ACS URL are derived from it.
            ...(values['sp-entity-id'] ? { spEntityId: values['sp-entity-id'] } : !site && profile ? { spEntityId: profile.spEntityId } : {}),
            ...(values['acs-url'] ? { acsUrl: values['acs-url'] } : !site && profile ? { acsUrl: profile.acsUrl } : {}),
            ...(spKey ? { spPrivateKeyPem: spKey } : {}),
          };
    const check = (samlResponse: string) =>
      fromOptions
        ? callCore(context, 'saml.check', { ...fromOptions, samlResponse })
        : callCore(context, 'saml.decode', { profileId: profile!.id, ...common, samlResponse }).then((decoded) => (decoded.ok ? ok({ report: decoded.value, notes: [] as string[] }) : decoded));

    const checked: Checked[] = [];
    const notesSaid = new Set<string>();
    for (const { file, text: samlResponse } of responses) {
      if (batch && samlResponse.length === 0) {
        checked.push({ file, refused: 'the file is empty.' });
        continue;
      }
      const result = await check(samlResponse);
      if (!result.ok) {
        // Input the core refuses is bad usage (exit 2), named by the option or file that carried it.
        const field = result.error.field;
        if (result.error.code === 'invalid-input' && field && Object.hasOwn(OPTION_OF_FIELD, field)) {
          const problem = result.error.message.replace(/^[\w.]+: /, '');
          // In a batch, a file the core refuses (empty, too large) is that file's answer; the others are still checked.
          if (field === 'samlResponse' && batch) {
            checked.push({ file, refused: problem });
            continue;
          }
          if (field === 'idpFileBase64' && idpFileName === undefined) throw new UsageError(`The IdP of the profile "${profile?.name ?? ''}": ${problem} Import its metadata again, or give --idp-metadata FILE.`);
          throw new UsageError(field === 'idpFileBase64' ? `${idpOption} ${idpFileName}: ${problem}` : `${OPTION_OF_FIELD[field]}: ${problem}`);
        }
        return reportError(context, result);
      }
      checked.push({ file, report: result.value.report });
      for (const note of result.value.notes) {
        if (context.json || notesSaid.has(note)) continue;
        notesSaid.add(note);
        context.io.err(`NOTE: ${note}${values['idp-entity-id'] ? '' : ' Give it with --idp-entity-id.'}`);
      }
    }
    return batch ? renderBatch(context, checked) : renderOne(context, checked[0] as { file: string; report: ValidationReport });
  },
};

function renderOne(context: CommandContext, { report }: { report: ValidationReport }): number {
  context.io.out(context.json ? JSON.stringify(ok(report), null, 2) : renderReport(report));
  return report.signsIn ? EXIT.ok : EXIT.failed;
}

/** Several responses: each under its file's name (JSON: one entry per file, in order), then the count of each outcome. */
function renderBatch(context: CommandContext, checked: Checked[]): number {
  const signIn = checked.filter((c) => 'report' in c && c.report.signsIn).length;
  const refused = checked.filter((c) => 'refused' in c).length;
  const blocked = checked.length - signIn - refused;
  if (context.json) {
    context.io.out(JSON.stringify(ok(checked.map((c) => ('report' in c ? { file: c.file, report: c.report } : { file: c.file, refused: c.refused }))), null, 2));
  } else {
    const sections = checked.map((c) => `== ${responseName(c.file)}\n${'report' in c ? renderReport(c.report) : `NOT CHECKED: ${c.refused}`}`);
    const counts = [`${signIn} would sign in`, `${blocked} would not`, ...(refused > 0 ? [`${refused} could not be checked`] : [])];
    context.io.out(`${sections.join('\n\n')}\n\nChecked ${checked.length} responses: ${counts.join(', ')}.`);
  }
  return refused > 0 ? EXIT.usage : blocked > 0 ? EXIT.failed : EXIT.ok;
}
