/**
 * @peculiar/x509 with what it needs loaded first: reflect-metadata (its ASN.1 schema decorators read it) and
 * Node's WebCrypto as the provider. Every certs module imports the library from here.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

export const nodeWebCrypto = webcrypto;
/** Node's webcrypto typed as the DOM Crypto that x509's signatures name (the same interface). */
export const x509Crypto = webcrypto as unknown as NonNullable<Parameters<typeof x509.Pkcs10CertificateRequestGenerator.create>[1]>;
x509.cryptoProvider.set(x509Crypto);

export { x509 };
