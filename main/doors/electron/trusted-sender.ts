/**
 * Which IPC senders are the app's own: the top-level frame of a page served from the app:// origin.
 * A frame from anywhere else (an iframe, a page that navigated away, the test sign-in window) is dropped.
 * Kept free of Electron imports so it is tested under plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wizard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface SenderFrameLike {
  url: string;
  /** True when the frame has no parent (it is the main frame of its window). */
  isMainFrame: boolean;
}

export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame || !frame.isMainFrame) return false;
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(frame.url);
  return match !== null && `${match[1]?.toLowerCase()}://${match[2]?.toLowerCase()}` === APP_ORIGIN;
}
