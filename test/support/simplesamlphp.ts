/**
 * A real SAML 2.0 IdP for tests: Debian's SimpleSAMLphp 1.19 under PHP's built-in server on 127.0.0.1 with a
 * random free port and a private config folder (docs/real-idp.md). Nothing under /etc or /usr is touched;
 * stop() kills the php process and removes the folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SIMPLESAMLPHP_WWW = '/usr/share/simplesamlphp/www';
export const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

export interface SimpleSamlUser {
  username: string;
  password: string;
  attributes: Record<string, string[]>;
}

export interface HostedOverrides {
  /** saml20.sign.assertion (default true; false only takes effect when the SP metadata lacks WantAssertionsSigned="true"). */
  signAssertion?: boolean;
  /** saml20.sign.response (default true). */
  signResponse?: boolean;
  /** assertion.lifetime in seconds (default 300; negative makes expired assertions). */
  assertionLifetime?: number;
  /** Sign with this key instead of the generated one (the published certificate stays `signingCertPem` or the generated one). */
  signingKeyPem?: string;
  signingCertPem?: string;
  /** The attribute the NameID is taken from with saml:AttributeNameID (default "email"); null = no such filter (transient NameID). */
  nameIdAttribute?: string | null;
  /** The NameID format AttributeNameID writes (default emailAddress). */
  nameIdAttributeFormat?: string;
  /** AttributeNameID's NameQualifier: true = the IdP entity ID, a string = that value (default: none). */
  nameQualifier?: boolean | string;
  /** core:AttributeLimit: only these attributes are released. */
  attributeLimit?: readonly string[];
  /** core:PHP sets $state['saml:NameIDFormat'] to this. */
  forceNameIdFormat?: string;
  /** core:PHP rewrites $state['saml:ConsumerURL'] (the Destination and Recipient) to this. */
  consumerUrl?: string;
  /** assertion.encryption (needs an encryption KeyDescriptor in the SP metadata). */
  encryptAssertion?: boolean;
  /** signature.algorithm (default RSA-SHA256). */
  signatureAlgorithm?: string;
  /** new_certificate: a second signing certificate published beside the current one (a rollover in progress). */
  newCertificatePem?: string;
  /** More authproc filters, as PHP array literals, e.g. "['class' => 'core:PHP', 'code' => '...']". */
  extraAuthprocPhp?: readonly string[];
}

export interface SimpleSamlIdpOptions {
  spMetadataXml: string;
  users?: SimpleSamlUser[];
  hosted?: HostedOverrides;
}

export interface SimpleSamlIdp {
  baseUrl: string;
  entityId: string;
  ssoUrl: string;
  metadataXml: string;
  /** The certificate the IdP publishes in its metadata. */
  certificatePem: string;
  /** The folder holding config, keys and the SP metadata (the SP metadata file may be rewritten: SSP re-reads it). */
  configDir: string;
  spMetadataFile: string;
  /** The php master's pid, which is also the process group of its workers. */
  pid: number;
  stop(): Promise<void>;
}

export const DEFAULT_USERS: SimpleSamlUser[] = [
  {
    username: 'alice',
    password: 'alice-pass',
    attributes: {
      uid: ['alice@example.com'],
      SAML_SUBJECT: ['alice@example.com'],
      firstname: ['Alice'],
      lastname: ['Liddell'],
      email: ['alice@example.com'],
      updatetimestamp: ['2026-01-15T09:30:00Z'],
    },
  },
];

/** Quotes a string as a PHP single-quoted literal. */
export function php(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function phpArray(values: string[]): string {
  return `[${values.map(php).join(', ')}]`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A self-signed RSA key and certificate made by openssl (PEM). */
export function makeKeyPair(dir: string, name: string, subject = `/CN=${name}.idp.test`, days = 3650): { keyPem: string; certPem: string; keyFile: string; certFile: string } {
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.crt`);
  const validity = days >= 0 ? ['-days', String(days)] : [];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-keyout', keyFile, '-out', certFile, ...validity, '-subj', subject], { stdio: 'ignore' });
  return { keyPem: readFileSync(keyFile, 'utf8'), certPem: readFileSync(certFile, 'utf8'), keyFile, certFile };
}

function authprocFilters(hosted: HostedOverrides): string {
  const filters: string[] = [];
  if (hosted.attributeLimit) filters.push(`['class' => 'core:AttributeLimit', ${hosted.attributeLimit.map(php).join(', ')}]`);
  const nameIdAttribute = hosted.nameIdAttribute === undefined ? 'email' : hosted.nameIdAttribute;
  const qualifier = hosted.nameQualifier === undefined ? '' : `, 'NameQualifier' => ${typeof hosted.nameQualifier === 'string' ? php(hosted.nameQualifier) : String(hosted.nameQualifier)}`;
  if (nameIdAttribute !== null) {
    filters.push(`['class' => 'saml:AttributeNameID', 'attribute' => ${php(nameIdAttribute)}, 'Format' => ${php(hosted.nameIdAttributeFormat ?? EMAIL_FORMAT)}${qualifier}]`);
  }
  if (hosted.forceNameIdFormat) filters.push(`['class' => 'core:PHP', 'code' => ${php(`$state['saml:NameIDFormat'] = ${php(hosted.forceNameIdFormat)};`)}]`);
  if (hosted.consumerUrl) filters.push(`['class' => 'core:PHP', 'code' => ${php(`$state['saml:ConsumerURL'] = ${php(hosted.consumerUrl)};`)}]`);
  filters.push(...(hosted.extraAuthprocPhp ?? []));
  // Numbered keys keep the filters in order (SSP sorts authproc by key).
  return `[${filters.map((f, i) => `${(i + 1) * 10} => ${f}`).join(',\n    ')}]`;
}

export async function startSimpleSamlIdp(options: SimpleSamlIdpOptions): Promise<SimpleSamlIdp> {
  const hosted = options.hosted ?? {};
  const users = options.users ?? DEFAULT_USERS;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-ssp-'));
  let child: ChildProcess | undefined;
  // With PHP_CLI_SERVER_WORKERS the server forks workers that outlive a killed master, so php runs in a process
  // group of its own and stop() ends the whole group (and waits until it is empty).
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child?.pid) process.kill(-child.pid, signal);
    } catch {
      // ESRCH: the group is already gone
    }
  };
  const groupAlive = () => {
    try {
      if (!child?.pid) return false;
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const onExit = () => killGroup('SIGKILL');
  const stop = async () => {
    process.off('exit', onExit);
    if (child?.pid) {
      killGroup('SIGTERM');
      for (let waited = 0; groupAlive() && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      killGroup('SIGKILL');
      for (let waited = 0; groupAlive() && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const sub of ['cert', 'data', 'tmp', 'log', 'metadata', 'sessions']) mkdirSync(path.join(dir, sub));
    const generated = makeKeyPair(path.join(dir, 'cert'), 'idp');
    const publishedCertPem = hosted.signingCertPem ?? generated.certPem;
    writeFileSync(path.join(dir, 'cert', 'published.crt'), publishedCertPem);
    writeFileSync(path.join(dir, 'cert', 'signing.key'), hosted.signingKeyPem ?? generated.keyPem);
    if (hosted.newCertificatePem) writeFileSync(path.join(dir, 'cert', 'new.crt'), hosted.newCertificatePem);
    const spMetadataFile = path.join(dir, 'sp-metadata.xml');
    writeFileSync(spMetadataFile, options.spMetadataXml);

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}/`;
    writeFileSync(
      path.join(dir, 'config.php'),
      `<?php
$config = [
  'baseurlpath' => ${php(baseUrl)},
  'certdir' => ${php(`${dir}/cert/`)},
  'datadir' => ${php(`${dir}/data/`)},
  'tempdir' => ${php(`${dir}/tmp`)},
  'loggingdir' => ${php(`${dir}/log/`)},
  'metadatadir' => ${php(`${dir}/metadata/`)},
  'logging.handler' => 'file',
  'logging.level' => SimpleSAML\\Logger::WARNING,
  'technicalcontact_name' => 'Test',
  'technicalcontact_email' => 'test@example.com',
  'secretsalt' => 'sso-wizard-test-salt-0123456789',
  'auth.adminpassword' => 'admin-not-used',
  'admin.protectindexpage' => true,
  'admin.protectmetadata' => false,
  'enable.saml20-idp' => true,
  'enable.shib13-idp' => false,
  'module.enable' => ['exampleauth' => true, 'core' => true, 'saml' => true, 'admin' => true],
  'store.type' => 'phpsession',
  'session.phpsession.savepath' => ${php(`${dir}/sessions`)},
  'session.cookie.secure' => false,
  'session.cookie.samesite' => 'Lax',
  'language.default' => 'en',
  'timezone' => 'UTC',
  'metadata.sources' => [['type' => 'flatfile'], ['type' => 'xml', 'file' => ${php(spMetadataFile)}]],
];
`,
    );
    const userEntries = users.map(
      (u) => `${php(`${u.username}:${u.password}`)} => [${Object.entries(u.attributes).map(([k, v]) => `${php(k)} => ${phpArray(v)}`).join(', ')}]`,
    );
    writeFileSync(
      path.join(dir, 'authsources.php'),
      `<?php
$config = [
  'admin' => ['core:AdminPassword'],
  'example-userpass' => ['exampleauth:UserPass', ${userEntries.join(', ')}],
];
`,
    );
    writeFileSync(
      path.join(dir, 'metadata', 'saml20-idp-hosted.php'),
      `<?php
$metadata['__DYNAMIC:1__'] = [
  'host' => '__DEFAULT__',
  'privatekey' => 'signing.key',
  'certificate' => 'published.crt',${hosted.newCertificatePem ? "\n  'new_certificate' => 'new.crt'," : ''}
  'auth' => 'example-userpass',
  'signature.algorithm' => ${php(hosted.signatureAlgorithm ?? 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')},
  'saml20.sign.assertion' => ${hosted.signAssertion === false ? 'false' : 'true'},
  'saml20.sign.response' => ${hosted.signResponse === false ? 'false' : 'true'},
  'assertion.lifetime' => ${hosted.assertionLifetime ?? 300},
  'assertion.encryption' => ${hosted.encryptAssertion ? 'true' : 'false'},
  'authproc' => ${authprocFilters(hosted)},
];
`,
    );
    writeFileSync(path.join(dir, 'metadata', 'saml20-sp-remote.php'), '<?php\n');

    child = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', SIMPLESAMLPHP_WWW], {
      env: { ...process.env, SIMPLESAMLPHP_CONFIG_DIR: dir, PHP_CLI_SERVER_WORKERS: '4' },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    // A test process that dies without calling stop() still takes its IdP with it.
    process.on('exit', onExit);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const metadataUrl = `${baseUrl}saml2/idp/metadata.php`;
    let metadataXml = '';
    for (let attempt = 0; attempt < 100; attempt++) {
      if (child.exitCode !== null) throw new Error(`php exited with ${child.exitCode}: ${stderr}`);
      try {
        const response = await fetch(metadataUrl);
        const body = await response.text();
        if (body.includes('<md:EntityDescriptor')) {
          metadataXml = body;
          break;
        }
        if (attempt > 20 && response.ok) throw new Error(`SimpleSAMLphp answers but without metadata: ${body.slice(0, 500)}`);
      } catch (error) {
        if ((error as Error).message.startsWith('SimpleSAMLphp answers')) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!metadataXml) throw new Error(`SimpleSAMLphp did not become ready on ${baseUrl}: ${stderr}`);
    const entityId = /entityID="([^"]+)"/.exec(metadataXml)?.[1] ?? metadataUrl;
    return {
      baseUrl,
      entityId,
      ssoUrl: `${baseUrl}saml2/idp/SSOService.php`,
      metadataXml,
      certificatePem: publishedCertPem,
      configDir: dir,
      spMetadataFile,
      pid: child.pid ?? 0,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
