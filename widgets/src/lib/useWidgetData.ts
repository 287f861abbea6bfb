import { systemNow } from '../../../schema/domain/clock';
import { useEffect, useReducer, useState } from 'preact/hooks';
import { fetchWidgetData } from './api';
import type { WidgetConfig } from './config';
import { isFinal } from './messages';
import { startPolling } from './poll';
import { INITIAL_STATE, reduceWidgetState, type WidgetEvent, type WidgetState } from './state';

/** Performance mark of the first figures on screen: what bench/suites/widgets.ts reads. */
export const FIRST_FIGURES_MARK = 'voronka:first-figures';
let firstFiguresMarked = false;

function onVisible(listener: () => void): () => void {
  const handler = () => {
    if (document.visibilityState === 'visible') listener();
  };
  document.addEventListener('visibilitychange', handler);
  return () => document.removeEventListener('visibilitychange', handler);
}

/**
 * The figures the iframe page carried for `path` (worker/src/widgets/routes/page_widget.ts), taken once:
 * the first render needs no request of its own. Elsewhere (embed.js, a portal) there are none.
 */
function takeInitialData<T>(path: string): T | null {
  const el = document.getElementById('voronka-initial');
  if (!el || el.getAttribute('data-path') !== path) return null;
  el.remove();
  try {
    return JSON.parse(el.textContent ?? '') as T;
  } catch {
    return null;
  }
}

/** Fetches `path` now (or shows what the page carried), then polls it (lib/poll.ts) until a final problem. */
export function useWidgetData<T>(config: WidgetConfig, path: string): WidgetState<T> {
  // Read before the first render, so the figures the page carried are in the very first paint.
  const [initial] = useState(() => takeInitialData<T>(path));
  const [state, dispatch] = useReducer<WidgetState<T>, WidgetEvent<T>>(
    reduceWidgetState,
    initial ? reduceWidgetState<T>(INITIAL_STATE, { type: 'loaded', data: initial, at: systemNow() }) : INITIAL_STATE,
  );

  useEffect(
    () =>
      startPolling({
        startLater: initial !== null,
        intervalMs: config.refreshMs,
        isVisible: () => document.visibilityState !== 'hidden',
        onVisible,
        load: async () => {
          const result = await fetchWidgetData<T>(config, path);
          if (result.ok) {
            dispatch({ type: 'loaded', data: result.data, at: systemNow() });
            return 'continue';
          }
          dispatch({ type: 'failed', problem: result.problem });
          return isFinal(result.problem) ? 'stop' : 'continue';
        },
      }),
    [config.apiBase, config.token, config.refreshMs, path],
  );

  // Preact runs effects after the frame is painted: the mark is "figures visible", not "rendered".
  useEffect(() => {
    if (!state.data || firstFiguresMarked) return;
    firstFiguresMarked = true;
    performance.mark(FIRST_FIGURES_MARK);
  }, [state.data]);

  return state;
}
