/**
 * The reference verdict for XML signatures: xmlsec1 --verify with the pinned certificate only (never
 * --insecure, which would trust the KeyInfo certificate), exactly as docs/toolchain.md gives it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type SignedElement = 'Response' | 'Assertion';

export function xmlsecVerify(xml: string, certificatePem: string, element: SignedElement): boolean {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-xmlsec-'));
  try {
    writeFileSync(path.join(dir, 'doc.xml'), xml);
    writeFileSync(path.join(dir, 'idp.crt'), certificatePem);
    const result = spawnSync(
      'xmlsec1',
      [
        '--verify',
        '--enabled-key-data',
        'key-name',
        '--pubkey-cert-pem',
        path.join(dir, 'idp.crt'),
        '--id-attr:ID',
        'urn:oasis:names:tc:SAML:2.0:protocol:Response',
        '--id-attr:ID',
        'urn:oasis:names:tc:SAML:2.0:assertion:Assertion',
        '--node-xpath',
        `(//*[local-name()='${element}']/*[local-name()='Signature'])[1]`,
        path.join(dir, 'doc.xml'),
      ],
      { encoding: 'utf8' },
    );
    return result.status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
