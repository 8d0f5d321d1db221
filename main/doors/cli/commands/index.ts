/**
 * Every subcommand, one file each; add new ones here. The table holds only names and summaries, so that
 * `sso-wizard --help` answers without loading any command: a command's module (and through it the core and
 * the domains it uses) is imported only when that command runs. A test keeps each summary equal to the one in
 * its module, and another fails when --help loads a domain module.
 */
import type { CommandEntry } from '../command.js';

// In the order of the repair journey, then the diagnosis and the front doors.
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'profile', summary: 'Create, list, change and remove site profiles.', load: async () => (await import('./profile-command.js')).profileCommand },
  { name: 'csr', summary: 'Step 1: record the CSR made on the site (--from-site FILE), or make the key and CSR here.', load: async () => (await import('./csr-command.js')).csrCommand },
  { name: 'inspect', summary: 'Decode a CSR: subject, SANs, key, signature; is its key stored here?', load: async () => (await import('./inspect-command.js')).inspectCommand },
  { name: 'import', summary: 'Import the signed certificate (PEM, DER, PKCS#7, PFX) and check it (step 2).', load: async () => (await import('./import-command.js')).importCommand },
  { name: 'export', summary: 'Write the certificate for the site (PEM chain, PFX) or for AD FS (Base64 .cer).', load: async () => (await import('./export-command.js')).exportCommand },
  { name: 'adfs-export', summary: 'Export the AD FS relying-party bundle (certificate, metadata, scripts, claim rules, README).', load: async () => (await import('./adfs-export-command.js')).adfsExportCommand },
  { name: 'attributes', summary: 'Check that the IdP sends the attributes the site needs (claim rules, or a SAML response).', load: async () => (await import('./attributes-command.js')).attributesCommand },
  { name: 'idp-certificate', summary: 'Show the IdP\'s signing certificates and save the one for the site\'s SSO settings (.cer).', load: async () => (await import('./idp-certificate-command.js')).idpCertificateCommand },
  { name: 'signin', summary: 'Sign in once at the real IdP and check the SAML response the site would get (step 5).', load: async () => (await import('./signin-command.js')).signinCommand },
  { name: 'site-steps', summary: 'The site-side checklist of the DR procedure: list it, tick a step done (or undo).', load: async () => (await import('./site-steps-command.js')).siteStepsCommand },
  { name: 'decode', summary: 'Validate a captured SAML response offline and name the site error codes it would cause.', load: async () => (await import('./decode-command.js')).decodeCommand },
  { name: 'explain', summary: 'Explain a site SSO error (code, message or error-page URL): causes, fix, wizard step.', load: async () => (await import('./explain-command.js')).explainCommand },
  { name: 'check', summary: 'Health check: served certificate, IdP rollover, clocks, expiry, drift since the last good state (for cron).', load: async () => (await import('./check-command.js')).checkCommand },
  { name: 'status', summary: 'Where the SSO repair of a profile stands, and the next action.', load: async () => (await import('./status-command.js')).statusCommand },
  { name: 'report', summary: 'Write the diagnostic report of a profile (HTML, or PDF) for the vendor\'s support.', load: async () => (await import('./report-command.js')).reportCommand },
  { name: 'serve', summary: 'Start browser mode (the wizard UI on 127.0.0.1, for machines without the desktop app).', load: async () => (await import('./serve-command.js')).serveCommand },
];
