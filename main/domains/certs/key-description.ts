/** A public key in words, the way the wizard shows it ("RSA 3072 bits", "ECDSA P-256"). */
import type { KeyObject } from 'node:crypto';
import type { KeyDescription } from '../../../shared/api/cert-schemas.js';

const CURVE_NAMES: Record<string, { name: string; bits: number }> = {
  prime256v1: { name: 'P-256', bits: 256 },
  secp384r1: { name: 'P-384', bits: 384 },
  secp521r1: { name: 'P-521', bits: 521 },
};

export function describeKey(key: KeyObject): KeyDescription {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    const bits = details.modulusLength ?? null;
    return { algorithm: 'RSA', bits, curve: null, text: `RSA ${bits ?? '?'} bits` };
  }
  if (key.asymmetricKeyType === 'ec') {
    const known = CURVE_NAMES[details.namedCurve ?? ''];
    const curve = known?.name ?? details.namedCurve ?? 'unknown curve';
    return { algorithm: 'ECDSA', bits: known?.bits ?? null, curve, text: `ECDSA ${curve}` };
  }
  return { algorithm: 'other', bits: null, curve: null, text: key.asymmetricKeyType ?? 'unknown key type' };
}
