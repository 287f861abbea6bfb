/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/**
 * On a phone the admin's wide tables (`class="stack"`) become one block per row, each cell led by its
 * column name (`data-label`), so nothing is cut off at 390 px and no sideways scrolling hides «Действия».
 */
const CSS = `@media (max-width:700px){
.stack>thead{display:none}
.stack,.stack>tbody,.stack>tbody>tr,.stack>tbody>tr>td{display:block;width:100%}
.stack>tbody>tr{border-bottom:1px solid var(--line);padding:8px 0}
.stack>tbody>tr>td{border:0;padding:3px 0}
.stack>tbody>tr>td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}
}`;

export function StackStyle(): Child {
  return <style dangerouslySetInnerHTML={{ __html: CSS }} />;
}
