import { conditionHolds, type RuleFacts } from '../../worker/src/funnel/engine/rules';

const facts = (f: Partial<RuleFacts>): RuleFacts => ({
  kind: 'call',
  direction: 'out',
  callResult: 'answered',
  durationSec: 0,
  hasAttachment: false,
  leadStageId: 'new',
  ...f,
});

describe('rule conditions', () => {
  test('minDurationSec is inclusive and fromStages limits where the rule acts', () => {
    const c = { callResult: 'answered', minDurationSec: 30, fromStages: ['new'] };
    expect(conditionHolds(c, facts({ durationSec: 30 }))).toBe(true);
    expect(conditionHolds(c, facts({ durationSec: 29 }))).toBe(false);
    expect(conditionHolds(c, facts({ durationSec: 60, leadStageId: 'proposal' }))).toBe(false);
    expect(conditionHolds(c, facts({ durationSec: 60, leadStageId: null }))).toBe(false);
  });
  test('anyOf matches when one alternative does', () => {
    const c = { anyOf: [{ direction: 'out' }, { callResult: 'answered' }] };
    expect(conditionHolds(c, facts({ direction: 'in', callResult: 'answered' }))).toBe(true);
    expect(conditionHolds(c, facts({ direction: 'out', callResult: 'missed' }))).toBe(true);
    expect(conditionHolds(c, facts({ direction: 'in', callResult: 'missed' }))).toBe(false);
  });
  test('an unknown key disables the rule instead of matching everything', () => {
    expect(conditionHolds({ durationMin: 30 } as never, facts({ durationSec: 100 }))).toBe(false);
  });
});
