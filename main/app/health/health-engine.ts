/**
 * The health check: one engine for the CLI, the Health panel and the report. It reads the site's served
 * certificate on every node, the IdP metadata again, both clocks, every certificate's expiry and the drift
 * since the last good state, and keeps the run. Network access goes only to the site host or its nodes and to
 * the IdP metadata URL the administrator imported; the probes are handed in so tests and the bench can time them.
 */
import { X509Certificate } from 'node:crypto';
import { ok, type Result } from '../../../shared/result.js';
import { appError } from '../../../shared/app-errors.js';
import type { HealthFinding, HealthRun, HealthSeverity } from '../../../shared/api/health-schemas.js';
import { AdfsSettingsStore } from '../../domains/adfs/adfs-settings-store.js';
import { CertStore } from '../../domains/certs/cert-store.js';
import { loadSiteCertificate } from '../../domains/certs/site-credentials.js';
import { fetchIdpMetadata } from '../../domains/saml/idp-metadata-fetcher.js';
import { readIdpSettings } from '../../domains/saml/idp-store.js';
import { DEFAULT_SKEW_SECONDS } from '../../domains/saml/response-validator.js';
import { readLastSignin } from '../../domains/signin/last-signin-store.js';
import { profileDataDir } from '../../platform/data-dir.js';
import { probeHttpDate } from '../../platform/http-date-probe.js';
import { probeTls } from '../../platform/tls-probe.js';
import type { CoreContext } from '../core/core-context.js';
import { findProfile } from '../core/find-profile.js';
import { clockFindings, type ClockReading } from './clock-check.js';
import { expiryFinding } from './expiry-horizon.js';
import { currentState, driftFindings, signatureAlgorithmOf } from './good-state.js';
import { keepRun, readHealthState } from './health-store.js';
import { fingerprintOf, type MetadataSource } from './idp-signing-watch.js';
import { watchOffThread } from './idp-signing-watch-limited.js';
import { newSinceLastRun } from './new-findings.js';
import { servedCertificateFindings } from './served-certificate-check.js';

export interface HealthProbes {
  tls: typeof probeTls;
  httpDate: typeof probeHttpDate;
}

export const NODE_PROBES: HealthProbes = { tls: probeTls, httpDate: probeHttpDate };

export interface HealthOptions {
  connectTo?: string[] | undefined;
  siteIdpCertificatePem?: string | undefined;
  timeoutMs?: number;
}

const RANK: Record<HealthSeverity, number> = { ok: 0, warning: 1, error: 2 };

function splitNode(node: string): { host: string; port: number } {
  const at = node.lastIndexOf(':');
  return { host: node.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(node.slice(at + 1)) };
}

export async function runHealthCheck(context: CoreContext, profileId: string, options: HealthOptions = {}, probes: HealthProbes = NODE_PROBES): Promise<Result<HealthRun>> {
  const started = Date.now();
  const profile = await findProfile(context, profileId);
  if (!profile.ok) return profile;
  const now = context.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const site = new URL(profile.value.siteUrl);
  const sitePort = Number(site.port || (site.protocol === 'http:' ? 80 : 443));

  let siteTrusts: { sha256Fingerprint: string; from: string } | null = null;
  if (options.siteIdpCertificatePem !== undefined) {
    const fingerprint = fingerprintOf(options.siteIdpCertificatePem);
    if (!fingerprint) return appError('invalid-input', { message: 'The IdP certificate file given for the site is not a certificate (PEM or DER).', hint: 'Give the .cer the site holds (Base-64 X.509), or leave it out to use the one saved for the site.', field: 'siteIdpCertificatePem' });
    siteTrusts = { sha256Fingerprint: fingerprint, from: 'the certificate file given' };
  }

  const state = await readHealthState(context.dataDir, profileId);
  const nodes = options.connectTo?.length ? options.connectTo : state.nodes.length ? state.nodes : [`${site.hostname.includes(':') ? `[${site.hostname}]` : site.hostname}:${sitePort}`];
  const [imported, certState, idp, last, adfs] = await Promise.all([
    loadSiteCertificate(context.dataDir, profileId).catch(() => null),
    new CertStore(context.dataDir, profileId).read(),
    readIdpSettings(context.dataDir, profileId),
    readLastSignin(profileDataDir(context.dataDir, profileId)),
    new AdfsSettingsStore(context.dataDir, profileId).read(profile.value.host),
  ]);
  if (!siteTrusts && idp?.siteCertificate) siteTrusts = { sha256Fingerprint: idp.siteCertificate.sha256Fingerprint, from: `saved for the site on ${idp.siteCertificate.savedAt.slice(0, 10)}` };

  // Every read runs at once: the nodes, the metadata and the IdP's clock.
  const metadataUrl = idp?.metadataUrl;
  const [probed, fetched, idpDate] = await Promise.all([
    Promise.all(nodes.map(async (node) => ({ node, probe: await probes.tls({ ...splitNode(node), serverName: profile.value.host, headPath: '/', timeoutMs }) }))),
    metadataUrl ? fetchIdpMetadata(metadataUrl, { fetchImpl: context.outside.fetch, timeoutMs }) : Promise.resolve(null),
    metadataUrl ? probes.httpDate(metadataUrl, { timeoutMs }) : Promise.resolve(null),
  ]);

  const roots = certState.ok && certState.value.imported?.rootPem ? [certState.value.imported.rootPem] : [];
  const findings: HealthFinding[] = [];
  const servedLeaves = new Map<string, { subject: string; notBefore: string; notAfter: string; nodes: string[] }>();
  const readings: ClockReading[] = [];
  for (const { node, probe } of probed) {
    const served = servedCertificateFindings({ node, siteHost: profile.value.host, probe, imported, roots, now });
    findings.push(...served.findings);
    if (served.leaf) {
      const entry = servedLeaves.get(served.leaf.fingerprint256) ?? { subject: served.leaf.subject.replace(/\n/g, ', '), notBefore: new Date(served.leaf.validFrom).toISOString(), notAfter: new Date(served.leaf.validTo).toISOString(), nodes: [] };
      entry.nodes.push(node);
      servedLeaves.set(served.leaf.fingerprint256, entry);
    }
    if (probe.ok && probe.dateReadAt !== null) readings.push({ who: `the site (${node})`, key: `site:${node}`, dateHeader: probe.dateHeader, readAt: probe.dateReadAt });
  }

  for (const [fingerprint, leaf] of servedLeaves) {
    findings.push(expiryFinding({ key: `site:${fingerprint}`, subject: `Site certificate ${leaf.subject} (served by ${leaf.nodes.join(', ')})`, notBefore: leaf.notBefore, notAfter: leaf.notAfter, now, fix: 'Renew it: a new CSR (step 1), import the signed certificate (step 2), export it to AD FS (step 3).', fixTarget: 'csr', ssoErrorCodes: [] }));
  }
  const importedLeaf = imported ? fingerprintOf(imported.leafPem) : null;
  if (imported && importedLeaf && adfs.ok && adfs.value.encryptAssertions) {
    const certificate = new X509Certificate(imported.leafPem);
    findings.push(expiryFinding({ key: `sp-encryption:${importedLeaf}`, subject: `SP encryption certificate ${certificate.subject.replace(/\n/g, ', ')} (AD FS encrypts assertions with it)`, notBefore: new Date(certificate.validFrom).toISOString(), notAfter: new Date(certificate.validTo).toISOString(), now, fix: 'Renew the site certificate (steps 1 and 2), then update the relying party\'s encryption certificate (step 3).', fixTarget: 'adfs', ssoErrorCodes: [] }));
  }

  let seen = state.seenIdpCertificates;
  if (idp) {
    const source: MetadataSource = metadataUrl && fetched ? { kind: 'url', url: metadataUrl, fetched: fetched.ok ? { ok: true, text: fetched.text } : { ok: false, problem: fetched.problem } } : { kind: 'stored', importedAt: idp.importedAt };
    const watch = await watchOffThread(context.outside.runParser, { stored: idp, source, siteTrusts, seen, now });
    findings.push(...watch.findings);
    seen = watch.seen;
    for (const certificate of watch.published) {
      findings.push(expiryFinding({ key: `idp-signing:${certificate.sha256Fingerprint}`, subject: `IdP signing certificate ${certificate.subject}`, notBefore: certificate.notBefore, notAfter: certificate.notAfter, now, fix: 'Ask the IdP\'s administrators to renew it (AD FS: Update-AdfsCertificate), then save the new one for the site (IdP certificate for the site).', fixTarget: 'idp-certificate', ssoErrorCodes: [15] }));
    }
    if (metadataUrl && idpDate) {
      const host = new URL(metadataUrl).host;
      if (idpDate.ok) readings.push({ who: `the IdP (${host})`, key: `idp:${host}`, dateHeader: idpDate.dateHeader, readAt: idpDate.readAt });
      else findings.push({ id: `clock:idp:${host}:unreachable`, check: 'clock', severity: 'warning', subject: `Clock of the IdP (${host})`, fact: idpDate.problem, actBy: null, fix: null, fixTarget: null, ssoErrorCodes: [] });
    }
  } else {
    findings.push({ id: 'idp:none', check: 'idp-signing', severity: 'error', subject: 'IdP signing certificates', fact: 'No IdP is imported for this profile, so its signing certificates cannot be watched.', actBy: null, fix: 'Import the IdP metadata by its URL (IdP settings, step 4).', fixTarget: 'attributes', ssoErrorCodes: [] });
  }

  const decoded = last?.result.report?.decoded ?? null;
  findings.push(...clockFindings(readings, decoded ? { clockDifferenceSeconds: decoded.clockDifferenceSeconds, issueInstant: decoded.issueInstant, checkedAt: decoded.checkedAt } : null, DEFAULT_SKEW_SECONDS));

  findings.push(...driftFindings(state.goodState, state.goodState ? await currentState(context, profileId, signatureAlgorithmOf(last?.result.report)) : null));

  const counts = { ok: 0, warning: 0, error: 0 };
  for (const f of findings) counts[f.severity] += 1;
  const worst = findings.reduce<HealthSeverity>((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), 'ok');
  const run: HealthRun = {
    profileId,
    profileName: profile.value.name,
    siteUrl: profile.value.siteUrl,
    ranAt: now.toISOString(),
    durationMs: Date.now() - started,
    worst,
    counts,
    findings,
    newSinceLastRun: newSinceLastRun(state.lastRun, findings),
    nodes,
  };
  await keepRun(context.dataDir, profileId, run, seen);
  return ok(run);
}
