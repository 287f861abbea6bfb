import { formatPhonesIn } from '../shared/format';
import { createOverlay, probe, type Overlay } from './overlay';

let overlay: Overlay | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

/** A short message at the bottom of the page (a call placed, an action queued), gone after 6 s. */
export function toast(message: string, tone: 'ok' | 'bad' = 'ok'): void {
  // The service worker's and the server's words carry raw E.164: the user reads «+7 495 123-45-67».
  const text = formatPhonesIn(message);
  if (!overlay) {
    overlay = createOverlay('toast');
    document.documentElement.append(overlay.host);
  }
  overlay.mount.replaceChildren();
  const box = document.createElement('div');
  box.className = `toast ${tone}`;
  box.setAttribute('role', 'status');
  box.textContent = text;
  overlay.mount.append(box);
  probe.toast = text;
  clearTimeout(timer);
  timer = setTimeout(() => overlay?.mount.replaceChildren(), 6_000);
}
