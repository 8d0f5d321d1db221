import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startSimpleSamlIdp } from './simplesamlphp.js';

/** The pids in a process group (ps exits 1 when there are none). */
function groupMembers(pgid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '-g', String(pgid)], { encoding: 'utf8' }).split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
  } catch {
    return [];
  }
}

describe('startSimpleSamlIdp', () => {
  it('serves metadata, and stop() leaves no php process (master or workers) and no folder behind', async () => {
    const idp = await startSimpleSamlIdp({ spMetadataXml: '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.example.com"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example.com/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>' });
    expect(idp.metadataXml).toContain('<md:EntityDescriptor');
    // Workers are forked on start: the group holds the master and its four workers.
    expect(groupMembers(idp.pid).length).toBeGreaterThanOrEqual(2);
    await idp.stop();
    expect(groupMembers(idp.pid)).toEqual([]);
    expect(existsSync(idp.configDir)).toBe(false);
    await expect(fetch(idp.baseUrl)).rejects.toThrow();
  });
});
