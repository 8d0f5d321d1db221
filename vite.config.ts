import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY_META } from './shared/content-security-policy.ts';

/** Writes the one CSP (shared/content-security-policy.ts) into index.html, so page and headers never drift. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'sso-wizard-csp',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' },
    ],
  };
}

// The renderer: built to dist/renderer, served by app:// in Electron and by the browser-mode server.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) }), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Inline assets would need data: script or style sources; the CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
