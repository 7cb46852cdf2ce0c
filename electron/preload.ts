// The preload exposes exactly the contract (shared/bind-api.ts) over ipcRenderer: each operation on its own channel,
// token changes on theirs. Never ipcRenderer itself, never the IPC event object. It imports operation names only,
// not their schemas, so zod stays out of the bundle (test/unit/preload-bundle.test.ts).
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { bindApi } from '../shared/bind-api';
import { channelOf, SETTINGS_CHANGED_CHANNEL, TOKEN_CHANGED_CHANNEL } from '../shared/operations';

export const api = bindApi({
  invoke: (op, input) => ipcRenderer.invoke(channelOf(op), input),
  subscribeTokenChanges(listener) {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(TOKEN_CHANGED_CHANNEL, forward);
    return () => ipcRenderer.removeListener(TOKEN_CHANGED_CHANNEL, forward);
  },
  subscribeSettingsChanges(listener) {
    // Nothing of what main sent is passed on: the event only says "reload".
    const forwardChange = (_event: IpcRendererEvent) => listener();
    ipcRenderer.on(SETTINGS_CHANGED_CHANNEL, forwardChange);
    return () => ipcRenderer.removeListener(SETTINGS_CHANGED_CHANNEL, forwardChange);
  },
});

contextBridge.exposeInMainWorld('sinchKeys', api);
