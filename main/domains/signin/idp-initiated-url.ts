/**
 * The address that starts an IdP-initiated sign-in, derived from the IdP's SSO URL when the IdP's kind is
 * recognisable. AD FS: /adfs/ls/idpinitiatedsignon.aspx?loginToRp=<relying party identifier> (the page must be
 * enabled with Set-AdfsProperties -EnableIdpInitiatedSignonPage $true). SimpleSAMLphp:
 * SSOService.php?spentityid=<SP entity ID>. Any other IdP: the administrator enters the URL.
 */
export function defaultIdpInitiatedUrl(idpSsoUrl: string, spEntityId: string): string | null {
  let url: URL;
  try {
    url = new URL(idpSsoUrl);
  } catch {
    return null;
  }
  if (/^\/adfs\/ls\/?$/i.test(url.pathname)) {
    return `${url.origin}/adfs/ls/idpinitiatedsignon.aspx?loginToRp=${encodeURIComponent(spEntityId)}`;
  }
  if (/\/saml2\/idp\/SSOService\.php$/i.test(url.pathname)) {
    return `${url.origin}${url.pathname}?spentityid=${encodeURIComponent(spEntityId)}`;
  }
  return null;
}
