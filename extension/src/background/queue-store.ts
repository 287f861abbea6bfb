import type { QueuedAction } from '../shared/queue';
import { inStore } from './idb';

/**
 * The offline queue in the extension origin's IndexedDB: it survives the service worker being
 * stopped and the browser restarting, and content scripts (page origin) cannot read it — the
 * queued actions carry client data (mail subjects, notes).
 */

const STORE = { db: 'voronka-queue', store: 'actions', keyPath: 'id' };

export interface QueueStore {
  all(): Promise<QueuedAction[]>;
  put(item: QueuedAction): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

export const queueStore: QueueStore = {
  all: async () => ((await inStore(STORE, 'readonly', (store) => store.getAll())) as QueuedAction[] | undefined) ?? [],
  put: async (item) => {
    await inStore(STORE, 'readwrite', (store) => store.put(item));
  },
  remove: async (ids) => {
    if (ids.length)
      await inStore(STORE, 'readwrite', (store) => {
        for (const id of ids) store.delete(id);
      });
  },
};
