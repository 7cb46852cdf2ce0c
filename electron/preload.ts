// The preload exposes exactly the contract: one named function per operation, each bound to its own channel, and a
// token subscription that returns its own unsubscribe. Never ipcRenderer itself, never the IPC event object.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { type Api, channelOf, type Events, OPERATIONS, TOKEN_CHANGED_CHANNEL } from '../shared/contract';

const operations = Object.fromEntries(OPERATIONS.map((op) => [op, (input: unknown) => ipcRenderer.invoke(channelOf(op), input)]));

const api = {
  ...operations,
  onTokenChanged(listener: (event: Events['token.changed']) => void): () => void {
    const forward = (_event: IpcRendererEvent, payload: Events['token.changed']) => listener(payload);
    ipcRenderer.on(TOKEN_CHANGED_CHANNEL, forward);
    return () => ipcRenderer.removeListener(TOKEN_CHANGED_CHANNEL, forward);
  },
} as Api;

contextBridge.exposeInMainWorld('sinchKeys', api);
