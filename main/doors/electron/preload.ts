/**
 * The sandboxed preload (bundled into one file, since a sandboxed preload cannot require our modules).
 * It exposes one method per contract channel on window.ssoWizard - never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, IPC_PREFIX, type ApiMethods } from '../../../shared/api/contract.js';

const api = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, input)]),
) as unknown as ApiMethods;

contextBridge.exposeInMainWorld('ssoWizard', { frontDoor: 'electron', api });
