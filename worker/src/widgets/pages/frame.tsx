/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { JsonIsland } from '../../platform/page';

/** The frame is the whole page: no app margins or background around the card inside the 1C field. */
const FRAME_STYLE = 'body{background:transparent}main{margin:0;max-width:none;padding:0}';

/** A widget's element, with its first figures when the token is live (the bundle /w/<name>.js draws it). */
export function WidgetFrame({ name, initial, path }: { name: string; initial: unknown; path: string }): Child {
  const Element = `voronka-${name}`;
  return (
    <>
      <style>{raw(FRAME_STYLE)}</style>
      {initial ? <JsonIsland id="voronka-initial" value={initial} data-path={path} /> : null}
      <Element data-api="" />
    </>
  );
}
