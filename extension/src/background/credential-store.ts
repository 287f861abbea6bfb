import type { Me } from '../../../schema/contracts';

/**
 * The API token lives in the extension origin's IndexedDB: content scripts run in the page's origin
 * and cannot open it, whereas chrome.storage.local is readable from them. It also survives the
 * service worker being stopped, unlike a variable.
 */
export interface StoredConnection {
  serverUrl: string;
  token: string;
  user: Me;
}

const DB_NAME = 'voronka-credentials';
const STORE = 'connection';
const KEY = 'current';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(): Promise<IDBDatabase> {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

async function inStore<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    const tx = db.transaction(STORE, mode);
    const result = await request(act(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return result;
  } finally {
    db.close();
  }
}

export async function readConnection(): Promise<StoredConnection | null> {
  const value = (await inStore('readonly', (store) => store.get(KEY))) as StoredConnection | undefined;
  return value ?? null;
}

export async function saveConnection(connection: StoredConnection): Promise<void> {
  await inStore('readwrite', (store) => store.put(connection, KEY));
}

export async function clearConnection(): Promise<void> {
  await inStore('readwrite', (store) => store.delete(KEY));
}
