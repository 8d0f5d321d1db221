/**
 * Wizard steps 1 and 2: CSR generation with key custody, CSR inspection, certificate import and validation,
 * exports. The keychain is handed in with the core (keytar in the app) so tests can point at a private keyring.
 */
import type { KeyObject } from 'node:crypto';
import type { ImportedState, KeyReference, StoredCsr } from '../../../shared/api/cert-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { importCertificates, type NamedBytes } from '../../domains/certs/certificate-import.js';
import { readCertificates, readCertificatesOffThread, type ReadCertificates } from '../../domains/certs/certificate-reader.js';
import { currentFindings } from '../../domains/certs/current-findings.js';
import { CertStore } from '../../domains/certs/cert-store.js';
import { buildCsr } from '../../domains/certs/csr-builder.js';
import { checkCsr } from '../../domains/certs/csr-checks.js';
import { IMPORT_ON_SITE } from '../../domains/certs/csr-label.js';
import { parseCsr, parseCsrLimited } from '../../domains/certs/csr-parser.js';
import { decodeFileInput } from '../../domains/certs/input-bytes.js';
import { loadPrivateKey, storeAsEncryptedFile, storeInKeychain, type AskKeyPassphrase, type Keychain, type KeyCustody } from '../../domains/certs/key-custody.js';
import { askKeyPassphrase } from './key-passphrase-words.js';
import { generateSiteKeyPair } from '../../domains/certs/key-generator.js';
import { keyPassphraseProblem, MIN_KEY_PASSPHRASE_LENGTH } from '../../domains/certs/pkcs8-encryption.js';
import { buildPfx } from '../../domains/certs/pfx-exporter.js';
import type { Handlers } from '../core/dispatcher.js';
import { findProfile } from '../core/find-profile.js';
import { recordStepResult } from '../core/step-progress.js';
import { hostFileName } from '../../platform/host-file-name.js';

type CertChannel = 'csr.generate' | 'csr.inspect' | 'csr.record' | 'cert.import' | 'cert.export' | 'certs.status';

function custodyFor(keychain: Keychain, store: CertStore): KeyCustody {
  return { keychain, profileDir: store.dir };
}

/** Files as host-named as the site expects them (mkcert style: the name says what it is). */
export function exportFileName(host: string, kind: 'csr' | 'key' | 'chain-leaf-first' | 'chain-leaf-last' | 'pfx' | 'adfs-cer'): string {
  switch (kind) {
    case 'csr':
      return hostFileName(host, '.csr');
    case 'key':
      return hostFileName(host, '.key.p8.pem');
    case 'chain-leaf-first':
      return hostFileName(host, '-chain-leaf-first.pem');
    case 'chain-leaf-last':
      return hostFileName(host, '-chain-leaf-last.pem');
    case 'pfx':
      return hostFileName(host, '.pfx');
    case 'adfs-cer':
      return hostFileName(host, '-adfs.cer');
  }
}

function uniqueNames(names: string[]): string[] {
  return [...new Set(names.map((name) => name.toLowerCase()))];
}

/** PEM with CRLF line ends, as Windows' "Base-64 encoded X.509 (.CER)" export writes it for AD FS. */
function windowsBase64Cer(pem: string): string {
  return `${pem.trim().split(/\r?\n/).join('\r\n')}\r\n`;
}

/**
 * The key from a PFX goes into the keychain; where there is none, into a key file encrypted with a new
 * passphrase (the import's key passphrase), never with the PFX password: that one travels with the PFX.
 */
async function storePfxKey(
  custody: KeyCustody,
  profileId: string,
  hash: string,
  key: KeyObject,
  pfxPassword: string | undefined,
  newPassphrase: string | undefined,
  ask: AskKeyPassphrase,
): Promise<Result<{ reference: KeyReference; note: string }>> {
  const inKeychain = await storeInKeychain(custody, profileId, hash, key);
  if (inKeychain.ok) return ok({ reference: inKeychain.value, note: 'The key from the PFX is now kept in the OS keychain.' });
  if (newPassphrase === undefined) {
    return appError('storage-failed', {
      message: `${inKeychain.error.message} The key from the PFX can be kept in an encrypted key file instead.`,
      hint: ask(`a new passphrase for the key file (at least ${MIN_KEY_PASSPHRASE_LENGTH} characters, not the PFX password)`),
      field: 'keyPassphrase',
    });
  }
  const weak = keyPassphraseProblem(newPassphrase, { what: 'PFX password', value: pfxPassword });
  if (weak) return appError('invalid-input', { message: weak, hint: ask('another key file passphrase'), field: 'keyPassphrase' });
  const inFile = await storeAsEncryptedFile(custody, hash, key, newPassphrase);
  if (!inFile.ok) return inFile;
  return ok({ reference: inFile.value.reference, note: `${inKeychain.error.message} The key from the PFX is kept in the encrypted file ${inFile.value.reference.kind === 'file' ? inFile.value.reference.file : ''}, under the new passphrase.` });
}

/**
 * Browser mode's token proves only that a request comes from whoever holds the link. A keychain-held key opens
 * without a passphrase, so handing it out as a PFX needs more than that (issue 16): the desktop app (its window
 * is the app itself) or the CLI (run as the user who owns the keychain). A key kept in an encrypted file needs
 * its passphrase, which the token does not give, so it may be exported from browser mode.
 */
function keyExportRefusal(reference: KeyReference, frontDoor: string, host: string): Result<never> | null {
  if (reference.kind !== 'keychain' || frontDoor !== 'browser') return null;
  return appError('forbidden', {
    message: 'Browser mode does not export a private key kept in the OS keychain: the page\'s access token alone must not be enough to take the key away.',
    hint: `Export the PFX in the desktop app, or in a terminal as the same user: sso-wizard export pfx --passphrase-env PFX_PASSPHRASE --out ${exportFileName(host, 'pfx')}`,
    field: 'format',
  });
}

/** The keychain comes with each request's context (handed in when the core was created), never from a global. */
function createCertHandlers(): Pick<Handlers, CertChannel> {
  return {
    'csr.generate': async (input, context) => {
      const found = await findProfile(context, input.profileId);
      if (!found.ok) return found;
      const host = found.value.host;
      if (!input.subject.commonName && host.length > 64) {
        return appError('invalid-input', {
          message: `The site host ${host} is longer than 64 characters, the most a common name holds (RFC 5280 ub-common-name).`,
          hint: 'Enter a shorter common name (for example a wildcard of the parent domain); the site host stays in the SANs.',
          field: 'subject.commonName',
        });
      }
      const commonName = input.subject.commonName || host;
      const dnsNames = uniqueNames([host, commonName, ...input.extraSans]);
      const store = new CertStore(context.dataDir, input.profileId);
      const custody = custodyFor(context.outside.keychain, store);

      const keys = await generateSiteKeyPair(input.keyType);
      // The key is in custody before the CSR exists, so no CSR is ever shown whose key could be lost.
      let keyReference: KeyReference;
      let encryptedKey: { fileName: string; pem: string } | null = null;
      let problem: string | null = null;
      if (input.custody === 'keychain') {
        const stored = await storeInKeychain(custody, input.profileId, keys.publicKeyHash, keys.privateKey);
        if (stored.ok) keyReference = stored.value;
        else if (input.passphrase) {
          problem = `${stored.error.message} The key was saved as an encrypted file instead.`;
          const inFile = await storeAsEncryptedFile(custody, keys.publicKeyHash, keys.privateKey, input.passphrase);
          if (!inFile.ok) return inFile;
          keyReference = inFile.value.reference;
          encryptedKey = { fileName: exportFileName(host, 'key'), pem: inFile.value.pem };
        } else return stored;
      } else {
        const inFile = await storeAsEncryptedFile(custody, keys.publicKeyHash, keys.privateKey, input.passphrase ?? '');
        if (!inFile.ok) return inFile;
        keyReference = inFile.value.reference;
        encryptedKey = { fileName: exportFileName(host, 'key'), pem: inFile.value.pem };
      }

      const subject = { ...input.subject, commonName };
      const csrPem = await buildCsr({ subject: Object.fromEntries(Object.entries(subject).filter(([, v]) => v)) as typeof subject, dnsNames, hash: input.hash, ...keys });
      const details = await parseCsr(new TextEncoder().encode(csrPem), exportFileName(host, 'csr'));
      if (!details.ok) return details;
      const record: StoredCsr = {
        id: context.newId(),
        createdAt: context.now().toISOString(),
        keyType: input.keyType,
        csrPem,
        publicKeyHash: keys.publicKeyHash,
        source: 'wizard',
        fileName: null,
        keyReference,
      };
      const saved = await store.addCsr(record);
      if (!saved.ok) return saved;
      const findings = checkCsr(details.value, host);
      await recordStepResult(context.state, input.profileId, 'csr', !findings.some((f) => f.severity === 'error'), context.now());
      return ok({ csrPem, fileName: exportFileName(host, 'csr'), details: { ...details.value, findings }, keyReference, encryptedKey, keychainProblem: problem });
    },

    'csr.inspect': async (input, context) => {
      const bytes = decodeFileInput(input.file, input.file.name);
      if (!bytes.ok) return bytes;
      const parsed = await parseCsrLimited(context.outside.runParser, bytes.value, input.file.name);
      if (!parsed.ok) return parsed;
      const details = ok(parsed.value.details);
      let storedKey = false;
      let host: string | null = null;
      if (input.profileId) {
        const found = await findProfile(context, input.profileId);
        host = found.ok ? found.value.host : null;
        const state = await new CertStore(context.dataDir, input.profileId).read();
        storedKey = state.ok && state.value.csrs.some((csr) => csr.publicKeyHash === details.value.publicKeyHash && csr.keyReference !== null);
      }
      return ok({ ...details.value, findings: checkCsr(details.value, host), storedKey });
    },

    'csr.record': async (input, context) => {
      const found = await findProfile(context, input.profileId);
      if (!found.ok) return found;
      const bytes = decodeFileInput(input.file, input.file.name);
      if (!bytes.ok) return bytes;
      const parsed = await parseCsrLimited(context.outside.runParser, bytes.value, input.file.name);
      if (!parsed.ok) return parsed;
      const details = ok(parsed.value.details);
      const findings = checkCsr(details.value, found.value.host);
      const store = new CertStore(context.dataDir, input.profileId);
      const current = await store.read();
      if (!current.ok) return current;
      // Loading the same CSR twice keeps one record (and its time); a key made here keeps its custody record.
      const same = current.value.csrs.find((csr) => csr.publicKeyHash === details.value.publicKeyHash);
      if (same && same.id === current.value.csrs.at(-1)?.id) {
        await recordStepResult(context.state, input.profileId, 'csr', !findings.some((f) => f.severity === 'error'), context.now());
        return ok({ ...same, details: { ...details.value, findings } });
      }
      const record: StoredCsr = same
        ? { ...same, createdAt: context.now().toISOString() }
        : {
            id: context.newId(),
            createdAt: context.now().toISOString(),
            keyType: details.value.key.text,
            csrPem: parsed.value.pem,
            publicKeyHash: details.value.publicKeyHash,
            source: 'site',
            fileName: input.file.name,
            keyReference: null,
          };
      const saved = await store.update((state) => {
        // Re-loading an older CSR makes it the newest again: it is the key the admin says the site holds now.
        state.csrs = [...state.csrs.filter((csr) => csr.id !== record.id), record];
      });
      if (!saved.ok) return saved;
      await recordStepResult(context.state, input.profileId, 'csr', !findings.some((f) => f.severity === 'error'), context.now());
      return ok({ ...record, details: { ...details.value, findings } });
    },

    'cert.import': async (input, context) => {
      const found = await findProfile(context, input.profileId);
      if (!found.ok) return found;
      const files: NamedBytes[] = [];
      for (const file of input.files) {
        const bytes = decodeFileInput(file, file.name);
        if (!bytes.ok) return bytes;
        files.push({ name: file.name, bytes: bytes.value });
      }
      const extraRoots: NamedBytes[] = [];
      for (const file of input.extraRoots) {
        const bytes = decodeFileInput(file, file.name);
        if (!bytes.ok) return bytes;
        extraRoots.push({ name: file.name, bytes: bytes.value });
      }
      // Untrusted files are parsed on a worker with a time limit first (issue 16); the import reuses what it read.
      const readOffThread = new Map<Uint8Array, Result<ReadCertificates>>();
      for (const [file, password] of [...files.map((f) => [f, input.password] as const), ...extraRoots.map((f) => [f, undefined] as const)]) {
        const read = await readCertificatesOffThread(file.bytes, file.name, password);
        if (!read.ok) return read;
        readOffThread.set(file.bytes, read);
      }
      const store = new CertStore(context.dataDir, input.profileId);
      const state = await store.read();
      if (!state.ok) return state;
      const outcome = importCertificates({
        files,
        extraRoots,
        password: input.password,
        host: found.value.host,
        now: context.now(),
        csrs: state.value.csrs,
        read: (bytes, fileName, password) => readOffThread.get(bytes) ?? readCertificates(bytes, fileName, password),
      });
      if (!outcome.ok) return outcome;
      const { report, built, leaf, matchedCsr, pfxKey } = outcome.value;
      let keyReference: KeyReference | null = matchedCsr?.keyReference ?? null;
      let keyMatched = report.keyMatched;
      const findings = [...report.findings];
      if (pfxKey) {
        const stored = await storePfxKey(custodyFor(context.outside.keychain, store), input.profileId, leaf.summary.publicKeyHash, pfxKey, input.password, input.keyPassphrase, askKeyPassphrase(context.frontDoor));
        if (stored.ok) {
          keyReference = stored.value.reference;
          findings.push({ severity: 'info', id: 'key-custody', what: stored.value.note, fix: 'Nothing to do; delete other copies of the PFX once the site runs with it.' });
        } else {
          keyMatched = false;
          findings.push({ severity: 'error', id: 'key-custody', what: `The key from the PFX could not be stored: ${stored.error.message}`, fix: stored.error.hint });
        }
      }
      const finalReport = { ...report, findings, keyMatched, keyHolder: keyMatched ? report.keyHolder : ('unknown' as const) };
      // A worse certificate never silently replaces a good one: a wrong file chosen by mistake must not undo a
      // good import (the good one stays what the exports and the other steps use) until the admin confirms it.
      const errors = findings.filter((f) => f.severity === 'error').length;
      const current = state.value.imported;
      const currentGood = current !== null && current.keyMatched && !currentFindings(current, context.now()).some((f) => f.severity === 'error');
      if ((errors > 0 || !keyMatched) && currentGood && !input.replace && current.publicKeyHash + current.report.leaf.sha256Fingerprint !== leaf.summary.publicKeyHash + leaf.summary.sha256Fingerprint) {
        findings.push({
          severity: 'warning',
          id: 'not-saved',
          what: `Not saved: ${errors > 0 ? `this certificate has ${errors} error${errors > 1 ? 's' : ''}` : 'this certificate matches no key'}, while the one imported on ${current.importedAt.slice(0, 10)} (valid until ${current.report.leaf.notAfter.slice(0, 10)}) has none and stays current.`,
          fix: 'Fix what the findings say and import again; to replace the good certificate anyway, confirm with "Replace the current certificate" (CLI: sso-wizard import --replace).',
        });
        return ok({ ...finalReport, saved: false });
      }
      const imported: ImportedState = {
        importedAt: context.now().toISOString(),
        report: { ...finalReport, saved: true },
        sourceFiles: files.map((file) => file.name),
        format: report.format,
        chainPem: built.chain.map((cert) => cert.pem),
        rootPem: built.root?.pem ?? null,
        keyMatched,
        matchedCsrId: matchedCsr?.id ?? null,
        keyReference,
        publicKeyHash: leaf.summary.publicKeyHash,
      };
      const saved = await store.setImported(imported);
      if (!saved.ok) return saved;
      await recordStepResult(context.state, input.profileId, 'import', keyMatched && errors === 0, context.now());
      return ok({ ...finalReport, saved: true });
    },

    'cert.export': async (input, context) => {
      const found = await findProfile(context, input.profileId);
      if (!found.ok) return found;
      const host = found.value.host;
      const store = new CertStore(context.dataDir, input.profileId);
      const state = await store.read();
      if (!state.ok) return state;
      const imported = state.value.imported;
      if (!imported) {
        return appError('not-found', { message: 'No certificate has been imported for this profile yet.', hint: 'Import the signed certificate in step 2 (sso-wizard import <file>) first.' });
      }
      const [leafPem] = imported.chainPem;
      if (!leafPem) return appError('state-unreadable', { message: 'The saved certificate chain is empty.', hint: 'Import the certificate again.' });
      const text = (value: string) => Buffer.from(value, 'utf8').toString('base64');
      switch (input.format) {
        case 'chain-leaf-first':
        case 'chain-leaf-last': {
          const ordered = input.format === 'chain-leaf-first' ? imported.chainPem : [...imported.chainPem].reverse();
          return ok({
            fileName: exportFileName(host, input.format),
            mediaType: 'application/x-pem-file',
            base64: text(ordered.map((pem) => pem.trim()).join('\n') + '\n'),
            description: `The site certificate and ${imported.chainPem.length - 1} intermediate(s), ${input.format === 'chain-leaf-first' ? 'site certificate first (older site versions)' : 'site certificate last (newer site versions)'}; the root is left out, because servers do not send it (clients already have it).`,
          });
        }
        case 'adfs-cer':
          return ok({
            fileName: exportFileName(host, 'adfs-cer'),
            mediaType: 'application/pkix-cert',
            base64: text(windowsBase64Cer(leafPem)),
            description: 'The site certificate as Base64 (.cer), the form AD FS imports for the relying party trust (not DER).',
          });
        case 'pfx': {
          if (imported.keyMatched && !imported.keyReference) {
            return appError('not-found', {
              message: 'No PFX: the private key of this certificate is on the site (its CSR was made there) and never leaves it.',
              hint: `Export the chain PEM instead and import it on the site with ${IMPORT_ON_SITE}; AD FS takes the Base64 .cer.`,
            });
          }
          if (!imported.keyMatched || !imported.keyReference) {
            return appError('not-found', {
              message: 'The imported certificate does not match a private key the wizard keeps, so no PFX can be made.',
              hint: 'Import the certificate issued for the CSR from step 1, or a PFX that holds its key.',
            });
          }
          const refused = keyExportRefusal(imported.keyReference, context.frontDoor, host);
          if (refused) return refused;
          const key = await loadPrivateKey(custodyFor(context.outside.keychain, store), imported.keyReference, input.keyPassphrase, askKeyPassphrase(context.frontDoor));
          if (!key.ok) return key;
          const chain = imported.rootPem ? [...imported.chainPem, imported.rootPem] : imported.chainPem;
          let der: Uint8Array;
          try {
            der = buildPfx({ privateKeyPem: key.value, chainPem: chain, passphrase: input.passphrase ?? '', friendlyName: host });
          } catch {
            return appError('internal', { message: 'The PFX could not be built from the stored key and chain.', hint: 'Import the certificate again, then retry the export.' });
          }
          return ok({
            fileName: exportFileName(host, 'pfx'),
            mediaType: 'application/x-pkcs12',
            base64: Buffer.from(der).toString('base64'),
            description: 'PKCS#12 with the private key and the full chain, AES-256 encrypted with your passphrase.',
          });
        }
      }
    },

    'certs.status': async (input, context) => {
      const found = await findProfile(context, input.profileId);
      if (!found.ok) return found;
      const state = await new CertStore(context.dataDir, input.profileId).read();
      if (!state.ok) return state;
      const csrs = [];
      for (const csr of state.value.csrs) {
        const details = await parseCsr(new TextEncoder().encode(csr.csrPem), 'stored CSR');
        if (details.ok) csrs.push({ ...csr, details: { ...details.value, findings: checkCsr(details.value, found.value.host) } });
      }
      const imported = state.value.imported;
      if (!imported) return ok({ csrs, imported: null });
      // Dates are judged against today, not the day of the import: a certificate may have expired since.
      const findings = currentFindings(imported, context.now());
      return ok({ csrs, imported: { ...imported.report, findings, importedAt: imported.importedAt, sourceFiles: imported.sourceFiles } });
    },
  };
}

export const certHandlers = createCertHandlers();
