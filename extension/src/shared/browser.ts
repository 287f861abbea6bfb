/**
 * The one import of the WebExtension API. Mozilla's webextension-polyfill gives Chrome, Yandex
 * Browser and Edge the promise-based `browser.*` that Firefox has natively (in Firefox it hands back
 * the browser's own object), so one code base runs in all of them. Namespaces the polyfill has no
 * metadata for (`scripting`) pass through to `chrome.scripting`, which returns promises in MV3.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Storage, Tabs } from 'webextension-polyfill';

/** The Firefox build (its pages are moz-extension://): only where Firefox's API schema differs from Chrome's. */
export const inFirefox = (): boolean => browser.runtime.getURL('').startsWith('moz-extension:');
