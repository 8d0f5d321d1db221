import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../../main/doors/electron/trusted-sender.js';

describe('isTrustedSender', () => {
  it.each([
    { name: 'the app window', frame: { url: 'app://wizard/index.html', isMainFrame: true }, trusted: true },
    { name: 'the app window, upper case', frame: { url: 'APP://WIZARD/index.html#x', isMainFrame: true }, trusted: true },
    { name: 'an iframe on the app origin', frame: { url: 'app://wizard/index.html', isMainFrame: false }, trusted: false },
    { name: 'another app:// host', frame: { url: 'app://evil/index.html', isMainFrame: true }, trusted: false },
    { name: 'a look-alike host', frame: { url: 'app://wizard.evil/index.html', isMainFrame: true }, trusted: false },
    { name: 'a web page', frame: { url: 'https://adfs.example.com/adfs/ls', isMainFrame: true }, trusted: false },
    { name: 'a file URL', frame: { url: 'file:///tmp/index.html', isMainFrame: true }, trusted: false },
    { name: 'a frame with no URL', frame: { url: '', isMainFrame: true }, trusted: false },
    { name: 'a destroyed frame', frame: null, trusted: false },
  ])('$name → $trusted', ({ frame, trusted }) => {
    expect(isTrustedSender(frame)).toBe(trusted);
  });
});
