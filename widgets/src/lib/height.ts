let observing = false;

/**
 * Inside an iframe, tells the parent page the document height whenever it changes, so the host
 * (1C home page, giscus-style loader) can size the frame. Height is not secret, hence target '*'.
 */
export function reportHeightToParent(): void {
  if (observing || window.parent === window || typeof ResizeObserver === 'undefined') return;
  observing = true;
  let last = -1;
  const root = document.documentElement;
  new ResizeObserver(() => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'voronka:height', height }, '*');
  }).observe(root);
}
