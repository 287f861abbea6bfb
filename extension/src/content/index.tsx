import { features } from '../features/index';
import { sendToBackground } from '../shared/send';
import { probe } from './overlay';
import { currentHost } from './page';

/**
 * The content script, registered by the service worker for the sites the user enabled and granted
 * (background/sites.ts). It finds which site this page is, asks the worker whether it is signed
 * in, and starts the features for that kind of site. A second injection into the same frame is a no-op.
 */
const MARK = '__voronkaContentStarted';

async function main(): Promise<void> {
  const marked = globalThis as unknown as Record<string, boolean>;
  if (marked[MARK] || !document.body) return;
  marked[MARK] = true;
  const site = currentHost();
  probe.site = site.id;
  const config = await sendToBackground('pageConfig', {});
  if (!config.signedIn) return;
  const signal = new AbortController().signal;
  for (const feature of features) {
    if (!feature.kinds.includes(site.kind)) continue;
    try {
      feature.init(site, config, signal);
    } catch (err) {
      console.warn(`voronka: ${feature.id} failed to start`, err);
    }
  }
}

void main().catch((err: unknown) => console.warn('voronka: content script did not start', err));
