/**
 * Hostile XML built in the tests, for the time limit: elements nested hundreds of thousands deep, which the XML
 * parser and every walk over the tree chew on for seconds (measured: about 6 s for 2.7 MB on a loaded 2-core
 * machine), far below the size limits (4 MB of XML, 8 MB of request).
 */
export function deeplyNested(depth: number): string {
  return `${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}`;
}

/** A SAML response whose assertion carries the nesting where an attribute value would be. */
export function deeplyNestedResponse(depth = 400_000): string {
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>http://adfs.example.com/adfs/services/trust</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>http://adfs.example.com/adfs/services/trust</saml:Issuer>${deeplyNested(depth)}</saml:Assertion></samlp:Response>`;
}

/** IdP metadata with the nesting inside its IDPSSODescriptor. */
export function deeplyNestedMetadata(depth = 400_000): string {
  return `<EntityDescriptor entityID="http://adfs.example.com/adfs/services/trust" xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${deeplyNested(depth)}</IDPSSODescriptor></EntityDescriptor>`;
}
