/**
 * The only place ipcMain is used: one handler per contract channel, each checking its sender before the
 * core validates the arguments. Results, never exceptions, go back to the renderer.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../../../shared/api/contract.js';
import { appError } from '../../../shared/app-errors.js';
import type { Dispatcher } from '../../app/core/dispatcher.js';
import { isTrustedSender } from './trusted-sender.js';

export function registerIpcHandlers(dispatch: Dispatcher): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(`${IPC_PREFIX}${channel}`, async (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null)) {
        return appError('forbidden', { message: 'This request did not come from the wizard window.', hint: 'Restart the wizard.' });
      }
      return dispatch(channel, input);
    });
  }
}
