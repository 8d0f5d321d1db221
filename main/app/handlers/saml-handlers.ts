/** SSO error decoding, IdP settings, SP metadata and response validation for a profile. */
import { appError } from '../../../shared/app-errors.js';
import { ok } from '../../../shared/result.js';
import { defaultServiceProvider, parseSiteUrl } from '../../../shared/site-url.js';
import { SSO_ERRORS, TROUBLESHOOTING_TOPICS } from '../../../shared/sso-errors/catalogue.js';
import { decodeSsoError } from '../../../shared/sso-errors/error-decoder.js';
import { fetchIdpMetadata } from '../../domains/saml/idp-metadata-fetcher.js';
import { parseIdpFileLimited, parseIdpMetadataLimited, responseIssuerLimited } from '../../domains/saml/limited-parsers.js';
import { siteCertificateFile, siteCertificatesView, trustForSite } from '../../domains/saml/idp-site-certificate.js';
import { readIdpSettings, settingsFromMetadata, updateIdpSettings } from '../../domains/saml/idp-store.js';
import { readLastSignin } from '../../domains/signin/last-signin-store.js';
import { profileDataDir } from '../../platform/data-dir.js';
import { buildSpMetadata } from '../../domains/saml/sp-metadata-builder.js';
import { hostFileName } from '../../platform/host-file-name.js';
import { checkResponse, siteDecryptionKey } from '../core/check-response.js';
import type { Handlers } from '../core/dispatcher.js';
import { findProfile } from '../core/find-profile.js';

type SamlChannel = 'errors.decode' | 'errors.list' | 'idp.import' | 'idp.get' | 'idp.update' | 'idp.siteCertificates' | 'idp.saveSiteCertificate' | 'saml.spMetadata' | 'saml.decode' | 'saml.check';

function noIdp() {
  return appError('not-found', { message: 'No IdP has been imported for this profile, so there is no IdP certificate to show.', hint: 'Import the IdP metadata (FederationMetadata.xml) in the IdP settings first.', field: 'profileId' });
}

export const samlHandlers: Pick<Handlers, SamlChannel> = {
  'errors.decode': async (input) => ok(decodeSsoError(input.text)),

  'errors.list': async () => ok({ errors: [...SSO_ERRORS], topics: [...TROUBLESHOOTING_TOPICS] }),

  'idp.import': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    let text = input.text ?? '';
    if (input.url !== undefined) {
      const fetched = await fetchIdpMetadata(input.url, { fetchImpl: context.outside.fetch });
      if (!fetched.ok) return appError('invalid-input', { message: fetched.problem, hint: 'Or download FederationMetadata.xml in a browser and import the file.', field: 'url' });
      text = fetched.text;
    }
    const parsed = await parseIdpMetadataLimited(context.outside.runParser, text, context.now());
    if (!parsed.ok) {
      return appError('invalid-input', {
        message: parsed.problem,
        hint: 'Paste FederationMetadata.xml (https://<adfs host>/FederationMetadata/2007-06/FederationMetadata.xml) or the token-signing certificate exported as Base-64 X.509.',
        field: 'text',
      });
    }
    const fetchedFrom = input.url !== undefined ? { metadataUrl: input.url.trim() } : {};
    const settings = await updateIdpSettings(context.dataDir, input.profileId, (previous) => ({ ...settingsFromMetadata(parsed.metadata, previous, context.now()), ...fetchedFrom }));
    return ok(settings);
  },

  'idp.get': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    return ok(await readIdpSettings(context.dataDir, input.profileId));
  },

  'idp.update': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    const next = await updateIdpSettings(context.dataDir, input.profileId, (current) => {
      if (!current) return null;
      const changed = {
        ...current,
        ...(input.entityId !== undefined ? { entityId: input.entityId } : {}),
        ...(input.ssoUrl !== undefined ? { ssoUrl: input.ssoUrl } : {}),
      };
      changed.warnings = changed.entityId && changed.ssoUrl ? current.warnings.filter((w) => !/entity ID and SSO URL/.test(w)) : current.warnings;
      return changed;
    });
    if (!next) {
      return appError('not-found', { message: 'No IdP has been imported for this profile.', hint: 'Import the IdP metadata or its token-signing certificate first.', field: 'profileId' });
    }
    return ok(next);
  },

  'idp.siteCertificates': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    const settings = await readIdpSettings(context.dataDir, input.profileId);
    if (!settings) return noIdp();
    const last = await readLastSignin(profileDataDir(context.dataDir, input.profileId));
    const signing = last?.result.report?.decoded.signingCertificate;
    const lastSigning = last ? { sha256Fingerprint: signing ? signing.sha256Fingerprint : null, at: last.at } : null;
    return ok(siteCertificatesView(settings, lastSigning, context.now()));
  },

  'idp.saveSiteCertificate': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    const settings = await readIdpSettings(context.dataDir, input.profileId);
    if (!settings) return noIdp();
    const file = siteCertificateFile(settings, input.sha256Fingerprint.toUpperCase(), context.now());
    if (!file.ok) return appError('not-found', { message: file.problem, hint: 'Choose one of the certificates the panel lists.', field: 'sha256Fingerprint' });
    await updateIdpSettings(context.dataDir, input.profileId, (current) => ({ ...(current ?? settings), siteCertificate: file.record }));
    return ok({ fileName: file.fileName, content: file.content, record: file.record });
  },

  'saml.spMetadata': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    // Imported here: the rest of this domain (decode above all) needs no certificate engine.
    const { loadSiteCertificate } = await import('../../domains/certs/site-credentials.js');
    const site = await loadSiteCertificate(context.dataDir, input.profileId).catch(() => null);
    const xml = buildSpMetadata({
      spEntityId: profile.value.spEntityId,
      acsUrl: profile.value.acsUrl,
      ...(site ? { certificatePem: site.leafPem } : {}),
    });
    return ok({
      xml,
      fileName: hostFileName(profile.value.host, '-sp-metadata.xml'),
      hasCertificate: site !== null,
      note: site
        ? 'The metadata carries the site certificate imported in step 2 as its signing key.'
        : 'No site certificate is imported yet, so the metadata has no KeyDescriptor. Import the certificate in step 2, then export the metadata again.',
    });
  },

  'saml.decode': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    const idp = await readIdpSettings(context.dataDir, input.profileId);
    if (!idp) {
      return appError('not-found', {
        message: 'No IdP is configured for this profile, so the signature and issuer cannot be checked.',
        hint: 'Import the IdP metadata (FederationMetadata.xml) or its token-signing certificate first.',
        field: 'profileId',
      });
    }
    return checkResponse(context.outside.runParser, {
      samlResponse: input.samlResponse,
      binding: input.binding,
      sp: { siteUrl: profile.value.siteUrl, spEntityId: profile.value.spEntityId, acsUrl: profile.value.acsUrl },
      idp: { entityId: idp.entityId ?? '', ...trustForSite(idp) },
      ...(input.requestId ? { requestId: input.requestId } : {}),
      now: input.at ? new Date(input.at) : context.now(),
      ...(input.skewSeconds !== undefined ? { skewSeconds: input.skewSeconds } : {}),
      decryptionKey: siteDecryptionKey(context, input.profileId),
    });
  },

  'saml.check': async (input, context) => {
    const site = parseSiteUrl(input.siteUrl);
    if (!site.ok) return appError('invalid-input', { message: `siteUrl: ${site.problem}`, hint: 'Give the meeting site\'s address, like https://meet.example.com.', field: 'siteUrl' });
    const now = input.at ? new Date(input.at) : context.now();
    const idp = await parseIdpFileLimited(context.outside.runParser, Buffer.from(input.idpFileBase64, 'base64'), now);
    if (!idp.ok) return appError('invalid-input', { message: idp.problem, hint: 'Give FederationMetadata.xml or the token-signing certificate (PEM, Base64 or DER).', field: 'idpFileBase64' });
    const defaults = defaultServiceProvider(site.url);
    const notes: string[] = [];
    let entityId = input.idpEntityId ?? idp.metadata.entityId;
    if (!entityId) {
      entityId = (await responseIssuerLimited(context.outside.runParser, input.samlResponse)) ?? '';
      notes.push('No IdP entity ID was given: the response\'s own Issuer was taken, so the issuer check (error 24) was skipped.');
    }
    const report = await checkResponse(context.outside.runParser, {
      samlResponse: input.samlResponse,
      binding: input.binding,
      sp: { siteUrl: site.url.href, spEntityId: input.spEntityId ?? defaults.spEntityId, acsUrl: input.acsUrl ?? defaults.acsUrl },
      idp: { entityId, certificatesPem: idp.metadata.signingCertificates.map((c) => c.pem), metadataCertificatesPem: idp.metadata.signingCertificates.map((c) => c.pem) },
      ...(input.requestId ? { requestId: input.requestId } : {}),
      now,
      ...(input.skewSeconds !== undefined ? { skewSeconds: input.skewSeconds } : {}),
      ...(input.spPrivateKeyPem ? { decryptionKey: async () => input.spPrivateKeyPem } : {}),
    });
    return report.ok ? ok({ report: report.value, notes }) : report;
  },
};
