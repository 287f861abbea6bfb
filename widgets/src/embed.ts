import { isWidgetName } from './catalog';

/**
 * /w/embed.js: `<script src="https://crm…/w/embed.js" data-widget="month" data-token="vke_…">`
 * puts <voronka-month> right after itself and loads its bundle from embed.js's own origin, which is
 * also the API origin unless data-api says otherwise. Kept free of Preact: it is on every host page.
 */
(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script) return;
  const { widget = '', token = '', api, refresh } = script.dataset;
  if (!isWidgetName(widget)) {
    console.error(`Воронка: неизвестный виджет data-widget="${widget}" / unknown widget`);
    return;
  }
  const tag = `voronka-${widget}`;
  const element = document.createElement(tag);
  element.setAttribute('data-token', token);
  element.setAttribute('data-api', api || new URL(script.src).origin);
  if (refresh) element.setAttribute('data-refresh', refresh);
  script.after(element);
  const bundle = new URL(`${widget}.js`, script.src).href;
  if (customElements.get(tag) || document.querySelector(`script[src="${bundle}"]`)) return;
  const loader = document.createElement('script');
  loader.src = bundle;
  loader.async = true;
  document.head.append(loader);
})();
