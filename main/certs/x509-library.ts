/**
 * @peculiar/x509 with what it needs loaded first: reflect-metadata (its ASN.1 schema decorators read it) and
 * Node's WebCrypto as the provider. Every certs module imports the library from here.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

export const nodeWebCrypto = webcrypto;
// x509's types name the DOM's Crypto; Node's webcrypto implements the same interface.
x509.cryptoProvider.set(nodeWebCrypto as never);

export { x509 };
