/**
 * The slice of the DOM that host adapters and phone detection read. The browser's `document` and
 * a parsed fixture (linkedom in the unit tests) both fit it; the tests compile without lib.dom
 * (the worker's types own the globals there), so this code may not name `Document` or `Element`.
 */

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly parentNode: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly textContent: string | null;
}

export interface DomText extends DomNode {
  /** The node's text; offsets in phone hits index into this string. */
  readonly data: string;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly id: string;
  readonly parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  closest(selectors: string): DomElement | null;
}

export interface DomDocument {
  readonly title: string;
  readonly documentElement: DomElement;
  readonly body: DomElement | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

export function isText(node: DomNode): node is DomText {
  return node.nodeType === TEXT_NODE;
}
