import { render, type ComponentType } from 'preact';
import { readWidgetConfig, type WidgetConfig } from './config';
import { reportHeightToParent } from './height';
import { BASE_CSS } from './styles';

/** Registers `<tag>` rendering `Widget` into an open shadow root, styled only by its own CSS. */
export function defineWidget(tag: string, Widget: ComponentType<{ config: WidgetConfig }>, css = ''): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement {
      static observedAttributes = ['data-token', 'data-api', 'data-refresh'];
      private mount: HTMLElement | null = null;

      connectedCallback() {
        if (!this.mount) {
          const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
          const style = document.createElement('style');
          style.textContent = BASE_CSS + css;
          this.mount = document.createElement('div');
          root.append(style, this.mount);
        }
        this.update();
        reportHeightToParent();
      }

      attributeChangedCallback() {
        if (this.mount) this.update();
      }

      disconnectedCallback() {
        if (this.mount) render(null, this.mount);
      }

      private update() {
        render(<Widget config={readWidgetConfig(this, location.href)} />, this.mount!);
      }
    },
  );
}
