/**
 * Browser mode's wire constants, apart from the contract so that the page's script can use them without
 * loading the contract's schemas (zod) on its first screen.
 */
/** The header that carries the per-run token. */
export const TOKEN_HEADER = 'x-sso-wizard-token';
/** The API path prefix. */
export const HTTP_API_PREFIX = '/api/';
