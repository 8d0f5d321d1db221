/**
 * A throw-away CA made with the real openssl binary: a root, an intermediate, and leaf certificates signed
 * from CSRs (ours) or from keys openssl makes itself. Every test that needs a "CA-signed" certificate uses it.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openssl } from './openssl-tool.js';

export interface TestCa {
  dir: string;
  rootPem: string;
  intermediatePem: string;
  sign(csrPem: string, options?: { days?: number; extensions?: string; name?: string; digest?: string }): Promise<string>;
  cleanup(): Promise<void>;
}

export async function createTestCa(): Promise<TestCa> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-ca-'));
  const at = (name: string) => path.join(dir, name);
  await fs.writeFile(at('ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n');
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', at('root.key'), '-out', at('root.pem'), '-days', '3650', '-subj', '/CN=Wizard Test Root CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', at('inter.key'), '-out', at('inter.csr'), '-subj', '/CN=Wizard Test Intermediate CA']);
  openssl(['x509', '-req', '-in', at('inter.csr'), '-CA', at('root.pem'), '-CAkey', at('root.key'), '-CAcreateserial', '-days', '1825', '-extfile', at('ca.ext'), '-out', at('inter.pem')]);
  let counter = 0;
  return {
    dir,
    rootPem: await fs.readFile(at('root.pem'), 'utf8'),
    intermediatePem: await fs.readFile(at('inter.pem'), 'utf8'),
    async sign(csrPem, options = {}) {
      counter += 1;
      const name = options.name ?? `leaf${counter}`;
      await fs.writeFile(at(`${name}.csr`), csrPem);
      await fs.writeFile(
        at(`${name}.ext`),
        options.extensions ?? 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
      );
      const args = ['x509', '-req', '-in', at(`${name}.csr`), '-CA', at('inter.pem'), '-CAkey', at('inter.key'), '-CAcreateserial', '-copy_extensions', 'copy', '-extfile', at(`${name}.ext`), '-out', at(`${name}.pem`), `-${options.digest ?? 'sha256'}`];
      args.push('-days', String(options.days ?? 90));
      openssl(args);
      return fs.readFile(at(`${name}.pem`), 'utf8');
    },
    cleanup: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/** A key and self-made CSR from openssl itself (a "CSR made on the site"). */
export function opensslCsr(
  dir: string,
  name: string,
  subject: string,
  keyArgs: string[] = ['-newkey', 'rsa:2048'],
  san: string | null = `DNS:${subject.replace(/^.*CN=/, '')}`,
): { keyFile: string; csrPem: string } {
  const keyFile = path.join(dir, `${name}.key`);
  const csrFile = path.join(dir, `${name}.csr`);
  openssl(['req', ...keyArgs, '-nodes', '-keyout', keyFile, '-out', csrFile, '-subj', subject, ...(san ? ['-addext', `subjectAltName=${san}`] : [])]);
  return { keyFile, csrPem: openssl(['req', '-in', csrFile]) };
}
