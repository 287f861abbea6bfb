import { mangoForm, zadarmaSignature } from '../helpers/telephony';
import type { TestWorker } from '../helpers/worker';
import { ALL, SESSIONS, type Row } from './foundation';
import { TEST_NOW, TEST_NOW_S } from '../helpers/clock';

const nowS = TEST_NOW_S;

/** Arrange: every user has an extension, so the rows test who may call, not the missing-extension rule. */
async function everyoneHasAnExtension(w: TestWorker, path: string): Promise<string> {
  await w.db.prepare("UPDATE users SET phone_extension = '9' || id WHERE phone_extension IS NULL").run();
  return path;
}

const zadarmaFields = {
  event: 'NOTIFY_OUT_START',
  call_start: new Date(TEST_NOW + 3 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '),
  pbx_call_id: `matrix-zd-${nowS}`,
  internal: '101',
  destination: '74957770011',
  caller_id: '74957700000',
};
const zadarmaBody = new URLSearchParams(zadarmaFields).toString();
/** Zadarma signs in a header: only the machine principal carries it. */
const zadarmaMachine = async () => ({ 'content-type': 'application/x-www-form-urlencoded', signature: zadarmaSignature(zadarmaFields) });

const mangoJson: Record<string, object> = {
  'events/call': {
    entry_id: `matrix-mango-${nowS}`,
    call_id: 'leg',
    timestamp: nowS,
    seq: 1,
    call_state: 'Appeared',
    location: 'abonent',
    from: { extension: '101' },
    to: { number: '74957770011' },
  },
  'events/summary': {
    entry_id: `matrix-mango-${nowS}`,
    call_direction: 2,
    from: { extension: '101' },
    to: { number: '74957770011' },
    create_time: nowS,
    talk_time: 0,
    end_time: nowS,
    entry_result: 0,
  },
  'events/recording': { entry_id: `matrix-mango-${nowS}`, recording_id: 'matrix-rec', recording_state: 'Completed', timestamp: nowS },
  ping: {},
};

/**
 * Mango signs inside the body (vpbx_api_key, sign, json): whoever carries a signed form is Mango, so
 * the signed body is let through for any caller and the same form without `sign` for nobody.
 */
const mangoRows: Row[] = Object.entries(mangoJson).flatMap(([kind, json]) => {
  const route = `POST /hooks/telephony/mango/${kind}`;
  const path = `/hooks/telephony/mango/${kind}`;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const text = JSON.stringify(json);
  return [
    {
      route,
      name: `Mango ${kind}: a form without Mango's sign — nobody`,
      path,
      method: 'POST',
      body: new URLSearchParams({ vpbx_api_key: 'test-mango-vpbx-key', json: text }).toString(),
      machine: async () => form,
      allowed: [],
    },
    {
      route,
      name: `Mango ${kind}: the form Mango signed is the credential, whoever carries it`,
      path,
      method: 'POST',
      body: mangoForm(text),
      machine: async () => form,
      allowed: ALL,
    },
  ];
});

export const telephonyRows: Row[] = [
  {
    route: 'POST /hooks/telephony/generic',
    name: 'generic PBX event: only a Standard-Webhooks-signed machine',
    path: '/hooks/telephony/generic',
    method: 'POST',
    allowed: ['machine'],
    body: JSON.stringify({
      type: 'call.ringing',
      call_id: `matrix-generic-${nowS}`,
      direction: 'out',
      from: '101',
      to: '+74957770011',
      extension: '101',
      timestamp: nowS,
    }),
  },
  {
    route: 'POST /hooks/telephony/zadarma',
    name: 'Zadarma notification: only a machine with its Signature header',
    path: '/hooks/telephony/zadarma',
    method: 'POST',
    body: zadarmaBody,
    machine: zadarmaMachine,
    allowed: ['machine'],
  },
  {
    route: 'GET /hooks/telephony/zadarma',
    name: 'Zadarma URL check (zd_echo) is public',
    path: '/hooks/telephony/zadarma?zd_echo=matrix',
    allowed: ALL,
  },
  ...mangoRows,
  {
    route: 'POST /api/calls',
    name: 'click-to-call: people signed in and the extension (the sandbox PBX places it)',
    method: 'POST',
    allowed: [...SESSIONS, 'extension'],
    path: ({ w }) => everyoneHasAnExtension(w, '/api/calls'),
    body: JSON.stringify({ phone: '+7 495 777-00-11' }),
  },
  {
    route: 'POST /api/sandbox/incoming',
    name: 'sandbox PBX: an incoming call for oneself, sessions only',
    method: 'POST',
    allowed: SESSIONS,
    path: ({ w }) => everyoneHasAnExtension(w, '/api/sandbox/incoming'),
    body: JSON.stringify({ from: '+7 495 777-00-12' }),
  },
];
