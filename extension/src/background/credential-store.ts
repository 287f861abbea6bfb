import type { Me } from '../../../schema/contracts';
import { inStore } from './idb';

/**
 * The API token lives in the extension origin's IndexedDB: content scripts run in the page's origin
 * and cannot open it, whereas browser.storage.local is readable from them. It also survives the
 * service worker being stopped, unlike a variable.
 */
export interface StoredConnection {
  serverUrl: string;
  token: string;
  user: Me;
}

const STORE = { db: 'voronka-credentials', store: 'connection' };
const KEY = 'current';

export async function readConnection(): Promise<StoredConnection | null> {
  const value = (await inStore(STORE, 'readonly', (store) => store.get(KEY))) as StoredConnection | undefined;
  return value ?? null;
}

export async function saveConnection(connection: StoredConnection): Promise<void> {
  await inStore(STORE, 'readwrite', (store) => store.put(connection, KEY));
}

export async function clearConnection(): Promise<void> {
  await inStore(STORE, 'readwrite', (store) => store.delete(KEY));
}
