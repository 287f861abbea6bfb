import { useEffect, useState } from 'preact/hooks';
import { fetchWidgetData, type WidgetProblem } from './api';
import type { WidgetConfig } from './config';
import { REFRESH_SECONDS, isFinal } from './messages';

export interface WidgetState<T> {
  /** Last figures received; kept while offline so the widget does not blank out. */
  data: T | null;
  problem: WidgetProblem | null;
}

/** Fetches `path` now and every 30 s after the previous answer, until a final problem. */
export function useWidgetData<T>(config: WidgetConfig, path: string): WidgetState<T> {
  const [state, setState] = useState<WidgetState<T>>({ data: null, problem: null });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const load = async () => {
      const result = await fetchWidgetData<T>(config, path);
      if (stopped) return;
      if (result.ok) {
        setState({ data: result.data, problem: null });
      } else {
        const final = isFinal(result.problem);
        setState((prev) => ({ data: final ? null : prev.data, problem: result.problem }));
        if (final) return;
      }
      timer = setTimeout(load, REFRESH_SECONDS * 1000);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [config.apiBase, config.token, path]);

  return state;
}
