/**
 * The slice of the DOM that callbacks run inside Chromium use. Tests compile without lib.dom
 * (the worker's types own the globals there), so those callbacks cast `globalThis` to these.
 * Types only: nothing here may be referenced at run time inside page.evaluate.
 */
export interface PageElement {
  readonly textContent: string | null;
  readonly shadowRoot: PageNodeParent | null;
  getAttribute(name: string): string | null;
}

export interface PageNodeParent {
  querySelector(selector: string): PageElement | null;
}

interface IdbRequest<T> {
  result: T;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}

interface IdbDatabase {
  objectStoreNames: { contains(name: string): boolean };
  transaction(store: string): { objectStore(name: string): { get(key: string): IdbRequest<unknown> } };
  close(): void;
}

interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: (() => void) | null;
  transaction: { abort(): void } | null;
}

export interface PageGlobals {
  document: PageNodeParent;
  location: { pathname: string };
  indexedDB: { open(name: string): IdbOpenRequest };
  chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } };
  addEventListener(type: 'message', listener: (event: { origin: string; data: unknown }) => void): void;
}
