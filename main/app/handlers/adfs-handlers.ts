/**
 * Wizard steps 3 and 4: the AD FS relying-party bundle (preview, export) and the attribute checks (rules
 * analysis before any sign-in, and the actual values of a pasted or captured SAML response).
 */
import path from 'node:path';
import type { AdfsSettings } from '../../../shared/api/adfs-schemas.js';
import type { Profile } from '../../../shared/api/profile-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { buildAdfsBundle, writeAdfsBundle, type AdfsBundle } from '../../domains/adfs/adfs-bundle.js';
import { AdfsSettingsStore } from '../../domains/adfs/adfs-settings-store.js';
import { buildClaimRulesText } from '../../domains/adfs/claim-rules-builder.js';
import { formatSyntaxError, parseClaimRules } from '../../domains/adfs/claim-rules-parser.js';
import { ATTRIBUTE_CHECKS, fixRuleFor } from '../../domains/adfs/finding-fix-rules.js';
import { analyzeRequiredClaims, type OfferedClaims } from '../../domains/adfs/required-claims-analyzer.js';
import { loadSiteCertificate } from '../../domains/certs/site-credentials.js';
import { EMAIL_MIRROR_ATTRIBUTES, REQUIRED_ATTRIBUTES } from '../../domains/saml/attribute-checks.js';
import { parseIdpMetadataLimited } from '../../domains/saml/limited-parsers.js';
import { readIdpSettings } from '../../domains/saml/idp-store.js';
import { buildSpMetadata } from '../../domains/saml/sp-metadata-builder.js';
import { checkResponse, siteDecryptionKey } from '../core/check-response.js';
import type { CoreContext } from '../core/core-context.js';
import { findProfile } from '../core/find-profile.js';
import type { Handlers } from '../core/dispatcher.js';
import { markStepComplete, recordStepResult } from '../core/step-progress.js';
import { profileDataDir } from '../../platform/data-dir.js';

type AdfsChannel = 'adfs.settings' | 'adfs.saveSettings' | 'adfs.preview' | 'adfs.export' | 'attributes.analyzeRules' | 'attributes.checkResponse';

async function profileAndSettings(context: CoreContext, profileId: string): Promise<Result<{ profile: Profile; settings: AdfsSettings }>> {
  const profile = await findProfile(context, profileId);
  if (!profile.ok) return profile;
  const settings = await new AdfsSettingsStore(context.dataDir, profileId).read(profile.value.host);
  if (!settings.ok) return settings;
  return ok({ profile: profile.value, settings: settings.value });
}

async function bundleFor(context: CoreContext, profile: Profile, settings: AdfsSettings): Promise<AdfsBundle> {
  const certificate = await loadSiteCertificate(context.dataDir, profile.id);
  return buildAdfsBundle({
    site: { host: profile.host, siteUrl: profile.siteUrl, spEntityId: profile.spEntityId, acsUrl: profile.acsUrl },
    settings,
    certificate,
    buildSpMetadata,
    generator: `SSO Setup Wizard ${context.version}`,
    now: context.now(),
  });
}

/** The default export folder: inside the profile's data folder, so nothing lands in an unexpected place. */
export function defaultExportDir(dataDir: string, profileId: string): string {
  return path.join(profileDataDir(dataDir, profileId), 'adfs-export');
}

/** Offered claims and NameID formats: from pasted metadata, else from the IdP settings saved for the profile. */
async function offeredClaims(context: CoreContext, profileId: string, xml: string | undefined): Promise<Result<OfferedClaims | null>> {
  if (xml === undefined || xml.trim() === '') {
    const saved = await readIdpSettings(context.dataDir, profileId);
    return ok(saved && (saved.offeredClaims.length > 0 || saved.nameIdFormats.length > 0) ? { claims: saved.offeredClaims, nameIdFormats: saved.nameIdFormats } : null);
  }
  const parsed = await parseIdpMetadataLimited(context.outside.runParser, xml);
  if (!parsed.ok) {
    return appError('invalid-input', { message: `The IdP metadata could not be read: ${parsed.problem}`, hint: 'Paste the AD FS FederationMetadata.xml (https://<adfs host>/FederationMetadata/2007-06/FederationMetadata.xml).', field: 'idpMetadataXml' });
  }
  return ok({ claims: parsed.metadata.offeredClaims, nameIdFormats: parsed.metadata.nameIdFormats });
}

export const adfsHandlers: Pick<Handlers, AdfsChannel> = {
  'adfs.settings': async (input, context) => {
    const found = await profileAndSettings(context, input.profileId);
    return found.ok ? ok(found.value.settings) : found;
  },

  'adfs.saveSettings': async (input, context) => {
    const profile = await findProfile(context, input.profileId);
    if (!profile.ok) return profile;
    return new AdfsSettingsStore(context.dataDir, input.profileId).update(profile.value.host, input.settings);
  },

  'adfs.preview': async (input, context) => {
    const found = await profileAndSettings(context, input.profileId);
    if (!found.ok) return found;
    const bundle = await bundleFor(context, found.value.profile, found.value.settings);
    return ok({ ...bundle, settings: found.value.settings });
  },

  'adfs.export': async (input, context) => {
    const found = await profileAndSettings(context, input.profileId);
    if (!found.ok) return found;
    const bundle = await bundleFor(context, found.value.profile, found.value.settings);
    const blocker = bundle.blockers[0];
    if (blocker) {
      // Never a placeholder certificate: an AD FS trust with the wrong certificate fails later and obscurely.
      const hint =
        blocker.step === 'adfs'
          ? 'Change the AD FS setting named above (step 3, or sso-wizard adfs-export with its flags), then export again.'
          : 'Import a current signed site certificate in step 2 (Import certificate) first, then export again.';
      return appError(blocker.step === 'adfs' ? 'invalid-input' : 'not-found', { message: bundle.blockers.map((each) => each.message).join(' '), hint, field: blocker.step === 'adfs' ? 'settings' : 'certificate' });
    }
    if (input.outDir !== undefined && !path.isAbsolute(input.outDir)) {
      return appError('invalid-input', { message: `The export folder "${input.outDir}" is not an absolute path.`, hint: 'Enter a full path, like /home/me/adfs or C:\\Users\\me\\adfs.', field: 'outDir' });
    }
    const outDir = input.outDir ?? defaultExportDir(context.dataDir, input.profileId);
    let written;
    try {
      written = await writeAdfsBundle(bundle, outDir, context.now());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      return appError('storage-failed', { message: `The AD FS bundle could not be written to ${outDir} (${code}).`, hint: 'Choose a folder you can write to, with free space, and export again.', field: 'outDir' });
    }
    await markStepComplete(context.state, input.profileId, 'adfs', context.now());
    return ok({ ...written, warnings: bundle.warnings });
  },

  'attributes.analyzeRules': async (input, context) => {
    const found = await profileAndSettings(context, input.profileId);
    if (!found.ok) return found;
    const offered = await offeredClaims(context, input.profileId, input.idpMetadataXml);
    if (!offered.ok) return offered;
    const mapping = found.value.settings.ldapAttributes;
    const hasText = input.rulesText !== undefined && input.rulesText.trim() !== '';
    const source = input.source ?? (hasText ? 'pasted' : 'generated');
    if (source === 'metadata') {
      if (offered.value === null) {
        return appError('invalid-input', { message: 'There is no IdP metadata to check: none was pasted and none is saved for this profile.', hint: 'Paste the IdP metadata XML, or import it on the IdP settings first.', field: 'idpMetadataXml' });
      }
      return ok({ basis: 'metadata' as const, ruleCount: 0, ...analyzeRequiredClaims({ rules: null, mapping, offered: offered.value }) });
    }
    if (source === 'pasted' && !hasText) {
      return appError('invalid-input', { message: 'No claim rules were pasted.', hint: 'Paste the output of: Get-AdfsRelyingPartyTrust -Name "<trust>" | Select-Object -ExpandProperty IssuanceTransformRules', field: 'rulesText' });
    }
    const pasted = source === 'pasted';
    const text = pasted ? (input.rulesText as string) : buildClaimRulesText(mapping);
    const parsed = parseClaimRules(text);
    if (!parsed.ok) {
      return appError('invalid-input', {
        message: `The claim rules could not be read. ${formatSyntaxError(parsed.error)}`,
        hint: 'Paste the output of: Get-AdfsRelyingPartyTrust -Name "<trust>" | Select-Object -ExpandProperty IssuanceTransformRules',
        field: 'rulesText',
      });
    }
    const analysis = analyzeRequiredClaims({ rules: parsed.rules, mapping, offered: offered.value });
    await recordStepResult(context.state, input.profileId, 'attributes', analysis.allPresent, context.now());
    return ok({ basis: pasted ? 'pasted' : 'generated', ruleCount: parsed.rules.length, ...analysis });
  },

  'attributes.checkResponse': async (input, context) => {
    const found = await profileAndSettings(context, input.profileId);
    if (!found.ok) return found;
    const { profile, settings } = found.value;
    const checked = await checkResponse(context.outside.runParser, {
      samlResponse: input.samlResponse,
      binding: 'POST',
      sp: { siteUrl: profile.siteUrl, spEntityId: profile.spEntityId, acsUrl: profile.acsUrl },
      // Step 4 checks the identity the assertion carries; the trust checks belong to step 5's full validation.
      idp: { entityId: '', certificatesPem: [] },
      now: context.now(),
      decryptionKey: siteDecryptionKey(context, profile.id),
    });
    if (!checked.ok) return checked;
    const report = checked.value;
    const blocking = report.findings.filter((finding) => !ATTRIBUTE_CHECKS.has(finding.check) && ['post-data', 'xml-safety', 'response-structure', 'encrypted-assertion'].includes(finding.check));
    const findings = report.findings.filter((finding) => ATTRIBUTE_CHECKS.has(finding.check)).map((finding) => ({ ...finding, fixRule: fixRuleFor(finding, settings.ldapAttributes) }));
    const known = new Set<string>([...REQUIRED_ATTRIBUTES, ...EMAIL_MIRROR_ATTRIBUTES]);
    const attributes = report.decoded.attributes;
    const notes = [
      ...blocking.map((finding) => `${finding.explanation}${finding.actual ? ` (${finding.actual})` : ''}`),
      'Signature, issuer and timing are not checked here; the test sign-in (step 5) validates the whole response.',
    ];
    if (blocking.length > 0) {
      // Not a SAML response at all (or not one that can be read): say so, rather than "refused" over no findings.
      return appError('invalid-input', {
        message: `The text is not a SAML response that can be read: ${notes[0]}`,
        hint: 'Paste the SAMLResponse value exactly as the IdP posted it (Base64), or the response XML.',
        field: 'samlResponse',
      });
    }
    return ok({
      passes: findings.every((finding) => finding.severity !== 'error'),
      nameId: report.decoded.nameId,
      nameIdFormat: report.decoded.nameIdFormat,
      attributes,
      extraAttributes: Object.keys(attributes).filter((name) => !known.has(name)),
      findings,
      notes,
    });
  },
};
