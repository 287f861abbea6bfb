/**
 * One object store in the extension origin's IndexedDB, opened per use: it survives the service
 * worker being stopped and the browser restarting, and content scripts (page origin) cannot open
 * it. The credential and the offline queue each keep one.
 */

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export interface ObjectStoreSpec {
  db: string;
  store: string;
  /** In-line keys (`keyPath`), else the caller passes a key. */
  keyPath?: string;
}

/**
 * Runs `act` in one transaction and resolves once it committed, with the result of the request
 * `act` returned (a batch of writes may return nothing).
 */
export async function inStore<T>(
  spec: ObjectStoreSpec,
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  const open = indexedDB.open(spec.db, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(spec.store, spec.keyPath ? { keyPath: spec.keyPath } : undefined);
  const db = await request(open);
  try {
    const tx = db.transaction(spec.store, mode);
    const req = act(tx.objectStore(spec.store));
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const result = req ? await request(req) : undefined;
    await done;
    return result;
  } finally {
    db.close();
  }
}
