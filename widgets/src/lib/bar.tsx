import { barWidth } from './format';

/** Plan completion as a bar; green once the plan is reached. */
export function CompletionBar({ bp, testId }: { bp: number | null; testId: string }) {
  return (
    <div class={bp !== null && bp >= 10_000 ? 'bar done' : 'bar'} data-testid={testId} data-bp={bp ?? ''}>
      <i style={{ width: barWidth(bp) }} />
    </div>
  );
}
