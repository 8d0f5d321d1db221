import { promises as fs } from 'node:fs';
import { ok } from '../../../../shared/result.js';
import type { ValidationReport } from '../../../../shared/saml/validation-report.js';
import { parseSiteUrl } from '../../../../shared/site-url.js';
import { ssoError } from '../../../../shared/sso-errors/catalogue.js';
import { callCore, reportError } from '../call-core.js';
import { cliFixTarget } from '../cli-words.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const USAGE = `Usage: sso-wizard decode --response <file|-> (--idp-metadata FILE | --idp-cert FILE) --site-url URL [options]

Validates a SAML response the way the site does and names the site error code each problem leads to.
Everything runs locally: the response never leaves this computer.

Options:
  --response FILE|-        The SAMLResponse as POSTed (Base64, URL-encoded, or the whole form body) or its XML; - reads stdin.
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
  --sp-key FILE            The site's private key (PEM), to decrypt an encrypted assertion.
  --json                   Print the report as JSON.

Exit codes: 0 the site would sign the user in, 1 findings block the sign-in, 2 bad usage or unreadable input.`;

const OPTIONS = {
  response: { type: 'string' },
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
    throw new UsageError(`Cannot read ${what} "${file}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Check the path.`);
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
  row('Checked at', `${d.checkedAt}${d.clockDifferenceSeconds !== null ? ` (${d.clockDifferenceSeconds} s after IssueInstant)` : ''}`);
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

export const decodeCommand: Command = {
  name: 'decode',
  summary: 'Validate a captured SAML response offline and name the site error codes it would cause.',
  usage: USAGE,
  async run(context) {
    const { values } = parseCommandArgs(context.args, OPTIONS, USAGE);
    if (!values.response) throw new UsageError('Give the response with --response FILE (or - for stdin).', USAGE);
    if (!values['site-url']) throw new UsageError('Give the site with --site-url, like https://meet.example.com.', USAGE);
    if (!values['idp-metadata'] === !values['idp-cert']) throw new UsageError('Give exactly one of --idp-metadata FILE or --idp-cert FILE.', USAGE);
    const site = parseSiteUrl(values['site-url']);
    if (!site.ok) throw new UsageError(`--site-url: ${site.problem}`);
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
    const idpFileName = (values['idp-metadata'] ?? values['idp-cert']) as string;
    const idpFile = await readInput(idpFileName, 'the IdP file');
    const samlResponse = (await readInput(values.response, 'the response')).toString('utf8');
    const spKey = values['sp-key'] ? (await readInput(values['sp-key'], 'the site key')).toString('utf8') : undefined;

    // The same app-level check as Decode, step 4 and step 5, through the contract (channel saml.check).
    const checked = await callCore(context, 'saml.check', {
      samlResponse,
      idpFileBase64: idpFile.toString('base64'),
      siteUrl: site.url.href,
      binding,
      ...(values['idp-entity-id'] ? { idpEntityId: values['idp-entity-id'] } : {}),
      ...(values['sp-entity-id'] ? { spEntityId: values['sp-entity-id'] } : {}),
      ...(values['acs-url'] ? { acsUrl: values['acs-url'] } : {}),
      ...(values['request-id'] ? { requestId: values['request-id'] } : {}),
      ...(values.now !== undefined ? { at: now.toISOString() } : {}),
      ...(skewSeconds !== undefined ? { skewSeconds } : {}),
      ...(spKey ? { spPrivateKeyPem: spKey } : {}),
    });
    if (!checked.ok) {
      // Input the core refuses is bad usage (exit 2), named by the option or file that carried it.
      const field = checked.error.field;
      if (checked.error.code === 'invalid-input' && field && Object.hasOwn(OPTION_OF_FIELD, field)) {
        const problem = checked.error.message.replace(/^[\w.]+: /, '');
        throw new UsageError(field === 'idpFileBase64' ? `${idpOption} ${idpFileName}: ${problem}` : `${OPTION_OF_FIELD[field]}: ${problem}`);
      }
      return reportError(context, checked);
    }
    const { report, notes } = checked.value;
    if (context.json) context.io.out(JSON.stringify(ok(report), null, 2));
    else {
      for (const note of notes) context.io.err(`NOTE: ${note}${values['idp-entity-id'] ? '' : ' Give it with --idp-entity-id.'}`);
      context.io.out(renderReport(report));
    }
    return report.signsIn ? EXIT.ok : EXIT.failed;
  },
};
