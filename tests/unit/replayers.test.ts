import { MAIL_INBOX_SOURCE } from '../../worker/src/mail';
import { routes } from '../../worker/src/routes';
import { NOT_REPLAYABLE, REPLAYERS } from '../../worker/src/sync/replayers';

/** Every source the worker keeps in the inbox: each machine route's, and the Email Worker's. */
const inboxSources = [...new Set([...routes.flatMap((r) => (r.machine ? [r.machine.source] : [])), MAIL_INBOX_SOURCE])].sort();

describe('the static replayer list', () => {
  test('every inbox source has a replayer or a stated reason it has none', () => {
    expect(inboxSources.filter((s) => !(s in REPLAYERS) && !(s in NOT_REPLAYABLE))).toEqual([]);
  });

  test('names only sources the worker keeps, and none twice', () => {
    expect(Object.keys(REPLAYERS).filter((s) => !inboxSources.includes(s))).toEqual([]);
    expect(Object.keys(NOT_REPLAYABLE).filter((s) => !inboxSources.includes(s))).toEqual([]);
    expect(Object.keys(REPLAYERS).filter((s) => s in NOT_REPLAYABLE)).toEqual([]);
  });

  test('the PBXs, 1C and mail are replayable', () => {
    expect(Object.keys(REPLAYERS).sort()).toEqual(['generic', 'mail', 'mango', 'onec', 'zadarma']);
  });
});
