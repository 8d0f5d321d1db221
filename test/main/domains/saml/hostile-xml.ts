/**
 * Hostile XML built in the tests, for the time limit: elements nested tens of thousands deep, each declaring a
 * namespace prefix of its own, which the XML parser resolves by walking every level above (measured: 20,000
 * levels 4 s, 40,000 about four times that, on a 2-core machine). It stays small in what a parse builds (two
 * nodes a level) and in size (1.6 MB at 40,000), far below the limits (200,000 elements and attributes, 4 MB of
 * XML, 8 MB of request): a document that would build too many nodes is refused before parsing instead.
 */
export function deeplyNested(depth: number): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let level = 0; level < depth; level++) {
    open.push(`<p${level}:x xmlns:p${level}="urn:x:${level}">`);
    close.push(`</p${depth - 1 - level}:x>`);
  }
  return open.join('') + close.join('');
}

/** A SAML response whose assertion carries the nesting where an attribute value would be. */
export function deeplyNestedResponse(depth = 40_000): string {
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>http://adfs.example.com/adfs/services/trust</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>http://adfs.example.com/adfs/services/trust</saml:Issuer>${deeplyNested(depth)}</saml:Assertion></samlp:Response>`;
}

/** IdP metadata with the nesting inside its IDPSSODescriptor. */
export function deeplyNestedMetadata(depth = 40_000): string {
  return `<EntityDescriptor entityID="http://adfs.example.com/adfs/services/trust" xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${deeplyNested(depth)}</IDPSSODescriptor></EntityDescriptor>`;
}
