let observing = false;

/**
 * Inside an iframe, tells the parent page the document height whenever it changes, so the host
 * (1C home page, giscus-style loader) can size the frame. Height is not secret, hence target '*'.
 * The figures may be on screen before the host's listener exists (the frame page carries them),
 * so the height is announced again once the frame has loaded and a second later, and to a host
 * that asks with `{ type: 'voronka:height?' }`.
 */
export function reportHeightToParent(): void {
  if (observing || window.parent === window || typeof ResizeObserver === 'undefined') return;
  observing = true;
  let last = -1;
  const root = document.documentElement;
  const announce = () => window.parent.postMessage({ type: 'voronka:height', height: Math.ceil(root.getBoundingClientRect().height) }, '*');
  new ResizeObserver(() => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    announce();
  }).observe(root);
  addEventListener('load', () => {
    announce();
    setTimeout(announce, 1000);
  });
  addEventListener('message', (event: MessageEvent) => {
    if (event.source === window.parent && (event.data as { type?: unknown } | null)?.type === 'voronka:height?') announce();
  });
}
