import { LOADING_TEXT, describeFreshness, describeProblem } from './messages';
import type { WidgetState } from './state';

/** The one line under every widget: loading, a problem (with the age of what is shown), or freshness. */
export function WidgetStatus({ state }: { state: WidgetState<unknown> }) {
  const { data, problem, updatedAt } = state;
  if (problem)
    return (
      <p class={data ? 'status warn' : 'status error'} data-testid="state" role="status">
        {describeProblem(problem, updatedAt)}
      </p>
    );
  if (!data)
    return (
      <p class="status muted" data-testid="state" role="status">
        {LOADING_TEXT}
      </p>
    );
  return updatedAt === null ? null : (
    <p class="status muted" data-testid="updated">
      {describeFreshness(updatedAt)}
    </p>
  );
}
