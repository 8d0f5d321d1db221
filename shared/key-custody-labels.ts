/**
 * The words of step 1's two key custody options. The renderer shows them and the core's keychain errors quote
 * them ("Choose "As an encrypted file I save …""), so the advice names the option exactly as the user sees it.
 */
export const CUSTODY_LABELS = {
  keychain: 'In the OS keychain (recommended)',
  file: 'As an encrypted file I save (PKCS#8, AES-256)',
} as const;
