/** The types of signed-response-fixture.mjs, for the tests that reuse the benchmark's response. */
export interface SignedResponseFixture {
  xml: string;
  base64: string;
  certPem: string;
  idp: string;
  sp: { siteUrl: string; spEntityId: string; acsUrl: string };
  now: Date;
  responseXml: string;
  responseB64: string;
  xmlsecArgs(element: 'Assertion' | 'Response'): string[];
  decodeArgs: string[];
}

export function makeSignedResponse(dir: string): SignedResponseFixture;
