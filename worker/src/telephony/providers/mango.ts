import type { CallSignal } from '../../../../schema/contracts';
import { safeEqual, sha256Hex } from '../../platform/crypto';
import type { TelephonySettings } from '../../platform/config';
import type { ServiceContext } from '../../platform/route';
import type { ClickToCall, ClickToCallResult, ProviderRead, RawPayload, ReadContext, TelephonyAdapter, VerifyArgs } from './adapter';
import {
  Unreadable,
  formFields,
  formOrReason,
  integer,
  jsonObject,
  object,
  oneOf,
  plausibleTime,
  readWith,
  requiredInteger,
  requiredText,
  signal,
  text,
  type Fields,
} from './fields';
import { callProviderApi, parseJsonOrNull } from './http';

/**
 * Mango Office VPBX API. Both directions are form POSTs of `vpbx_api_key`, `sign`, `json` with
 * sign = hex(sha256(key + json + salt)). One physical call is one `entry_id`; `seq` orders its events.
 */
export const MANGO_BASE_PATH = '/hooks/telephony/mango';

type MangoSettings = NonNullable<TelephonySettings['mango']>;

export const mangoSign = (s: Pick<MangoSettings, 'apiKey' | 'apiSalt'>, json: string) => sha256Hex(s.apiKey + json + s.apiSalt);

async function verify({ body, config }: VerifyArgs) {
  const settings = config.telephony.mango;
  if (!settings) return { ok: false as const, reason: 'Mango Office не настроен (MANGO_VPBX_API_KEY, MANGO_VPBX_API_SALT)' };
  const parsed = formOrReason(body);
  if (!parsed.ok) return parsed;
  const { vpbx_api_key: key, sign, json } = parsed.form;
  if (!key || !sign || json === undefined) return { ok: false as const, reason: 'нет полей vpbx_api_key, sign или json' };
  if (!safeEqual(key, settings.apiKey)) return { ok: false as const, reason: 'чужой vpbx_api_key' };
  // Mango signs with lower-case hex: compared exactly as computed, in constant time, never case-folded.
  if (!safeEqual(sign, await mangoSign(settings, json))) return { ok: false as const, reason: 'подпись sign не совпадает' };
  return { ok: true as const, integration: 'mango' };
}

interface Party {
  extension: string | null;
  number: string | null;
  lineNumber: string | null;
}

function party(o: Fields, field: string): Party {
  if (o[field] === undefined || o[field] === null) return { extension: null, number: null, lineNumber: null };
  const p = object(o[field], field);
  const sub = (name: string) => {
    try {
      return text(p, name);
    } catch (err) {
      throw new Unreadable(`${field}.${(err as Error).message}`);
    }
  };
  return { extension: sub('extension'), number: sub('number'), lineNumber: sub('line_number') };
}

const CALL_STATES = ['Appeared', 'Connected', 'OnHold', 'Disconnected'] as const;
const DIRECTIONS = { 1: 'in', 2: 'out', 0: 'internal' } as const;
const MAX_UNIX_S = 1e11;

/**
 * Where a leg is: `abonent` is an employee's phone; `ivr` and `queue` are the VPBX itself. Only an
 * employee leg's Connected answers the call (the IVR "connects" every call it greets).
 */
const EMPLOYEE_LOCATION = 'abonent';

/**
 * disconnect_reason values that end a leg by passing the call on, so more legs follow: 1170 — the
 * forwarding scheme sent the call on (the IVR or a queue leg). *unconfirmed*: the codes of a
 * transfer; a transferred leg counts as ended, and the leg it went to reopens the call when it comes.
 */
export const MANGO_HANDED_ON_REASONS: ReadonlySet<number> = new Set([1170]);

/** Who the manager is: the called extension of an inbound call, the calling one otherwise. */
const managerExtension = (direction: CallSignal['direction'], from: Party, to: Party) =>
  direction === 'in' ? to.extension : from.extension;

/**
 * events/call: one event of one leg (`call_id`) of the call `entry_id`. Appeared → the leg rings;
 * Connected → answered when the leg is an employee's, else the VPBX holds the call (still ringing);
 * OnHold changes nothing we keep; Disconnected → the leg ended (the call ends with its last leg or
 * with events/summary, whichever is known first).
 */
function readCallEvent(json: Fields, receivedAt: number) {
  const entryId = requiredText(json, 'entry_id', 200);
  const state = oneOf(json, 'call_state', CALL_STATES);
  if (!state) throw new Unreadable('нет поля call_state');
  const seq = integer(json, 'seq', 0, 1e9);
  const legId = text(json, 'call_id', 200);
  const location = text(json, 'location', 40);
  const reason = integer(json, 'disconnect_reason', 0, 1e9);
  const at = plausibleTime(requiredInteger(json, 'timestamp', 0, MAX_UNIX_S) * 1000, receivedAt, 'timestamp');
  const from = party(json, 'from');
  const to = party(json, 'to');
  // Mango names no direction here: an extension on the calling side means one of ours called.
  const direction: CallSignal['direction'] = from.extension ? (to.extension ? 'internal' : 'out') : 'in';
  const externalId = [entryId, legId, seq, state].filter((x) => x !== null).join(':');
  if (state === 'OnHold') return { externalId, signals: [], note: 'OnHold: разговор на удержании, звонок не меняется' };
  const employee = location === null || location === EMPLOYEE_LOCATION;
  const phase = state === 'Appeared' ? 'ringing' : state === 'Connected' ? (employee ? 'answered' : 'ringing') : 'ended';
  return {
    externalId,
    signals: [
      signal({
        provider: 'mango',
        callId: entryId,
        seq,
        phase,
        direction,
        from: from.number ?? from.extension,
        to: to.number ?? to.extension,
        // A leg hanging up (another extension of a group that did not answer) must not rename the manager.
        extension: state === 'Disconnected' || !employee ? null : managerExtension(direction, from, to),
        line: direction === 'in' ? to.lineNumber : null,
        at,
        leg: legId ?? `${entryId}:leg`,
        handedOn: state === 'Disconnected' && reason !== null && MANGO_HANDED_ON_REASONS.has(reason),
      }),
    ],
  };
}

/**
 * talk_time is read as the moment the talk began (unix s) when it looks like one, else as seconds
 * of talk. *unconfirmed*: which of the two Mango sends; either reading is this one line.
 */
const talkSeconds = (talk: number | null, end: number) => (talk === null ? null : talk >= 1e9 ? Math.max(0, end - talk) : talk);

/** events/summary: the call's totals; arrives after the last event (or before it: order is not promised). */
function readSummary(json: Fields, receivedAt: number) {
  const entryId = requiredText(json, 'entry_id', 200);
  const dirCode = integer(json, 'call_direction', 0, 2);
  const direction = dirCode === null ? null : DIRECTIONS[dirCode as 0 | 1 | 2];
  const from = party(json, 'from');
  const to = party(json, 'to');
  integer(json, 'forward_time', 0, MAX_UNIX_S);
  const created = integer(json, 'create_time', 0, MAX_UNIX_S);
  const end = requiredInteger(json, 'end_time', 0, MAX_UNIX_S);
  const at = plausibleTime(end * 1000, receivedAt, 'end_time');
  const result = integer(json, 'entry_result', 0, 1);
  const talk = integer(json, 'talk_time', 0, MAX_UNIX_S);
  const talkSec = talkSeconds(talk, end);
  // Every moment is Mango's own: the call began at create_time, talk began at talk_time (when it is a moment).
  const startedAt = created ? plausibleTime(Math.min(created, end) * 1000, receivedAt, 'create_time') : null;
  const answeredAt = result === 1 && talk !== null && talk >= 1e9 ? Math.min(talk, end) * 1000 : null;
  return {
    externalId: `${entryId}:summary`,
    signals: [
      signal({
        provider: 'mango',
        callId: entryId,
        phase: 'summary',
        direction,
        from: from.number ?? from.extension,
        to: to.number ?? to.extension,
        extension: direction ? managerExtension(direction, from, to) : null,
        line: direction === 'in' ? (to.lineNumber ?? text(json, 'line_number')) : null,
        at,
        talkSec: result === 0 ? 0 : talkSec,
        result: result === null ? null : result === 1 ? 'answered' : 'missed',
        startedAt,
        answeredAt: answeredAt !== null && startedAt !== null ? Math.max(answeredAt, startedAt) : answeredAt,
      }),
    ],
  };
}

/**
 * events/recording: the recording of a call. *unconfirmed*: the field names (recording_id, an
 * optional recording_url, recording_state); a started-only recording changes nothing yet.
 */
function readRecording(json: Fields, receivedAt: number) {
  const entryId = requiredText(json, 'entry_id', 200);
  const recordingId = text(json, 'recording_id', 200);
  const url = text(json, 'recording_url', 2000);
  if (url !== null && !/^https?:\/\//i.test(url)) throw new Unreadable('recording_url: ожидается адрес http(s)');
  if (recordingId === null && url === null) throw new Unreadable('нет поля recording_id');
  const state = text(json, 'recording_state', 40);
  const timestamp = integer(json, 'timestamp', 0, MAX_UNIX_S);
  const at = timestamp === null ? receivedAt : plausibleTime(timestamp * 1000, receivedAt, 'timestamp');
  const externalId = `${entryId}:recording:${recordingId ?? url}`;
  if (state !== null && state !== 'Completed') return { externalId, signals: [], note: `запись в состоянии ${state}: ждём Completed` };
  return {
    externalId,
    signals: [
      signal({ provider: 'mango', callId: entryId, phase: 'recording', at, recordingUrl: url ?? `mango:recording:${recordingId}` }),
    ],
  };
}

const READERS: Record<string, (json: Fields, receivedAt: number) => { externalId: string; signals: CallSignal[]; note?: string }> = {
  'events/call': readCallEvent,
  'events/summary': readSummary,
  'events/recording': readRecording,
};

function read(kind: string, payload: RawPayload, { receivedAt }: ReadContext): ProviderRead {
  let json: Fields | null = null;
  const idOf = () => (json && typeof json['entry_id'] === 'string' ? `${json['entry_id']}:${kind}` : null);
  return readWith(idOf, () => {
    json = jsonObject(formFields(payload.body)['json'] ?? '', 'поле json');
    if (kind === 'ping') return { externalId: null, signals: [], note: 'ping от Mango Office' };
    const reader = READERS[kind];
    if (!reader) throw new Unreadable(`неизвестное уведомление Mango: ${kind}`);
    return reader(json, receivedAt);
  });
}

/** Mango's answer to an accepted command. *unconfirmed*: the code 1000 for success. */
const MANGO_OK = 1000;

async function clickToCall(ctx: ServiceContext, call: ClickToCall): Promise<ClickToCallResult> {
  const settings = ctx.config.telephony.mango;
  if (!settings) return { ok: false, reason: 'Mango Office не настроен: задайте MANGO_VPBX_API_KEY и MANGO_VPBX_API_SALT' };
  const json = JSON.stringify({
    command_id: call.commandId,
    from: { extension: call.extension },
    to_number: call.phone.replace(/^\+/, ''),
  });
  const body = new URLSearchParams({ vpbx_api_key: settings.apiKey, sign: await mangoSign(settings, json), json }).toString();
  const res = await callProviderApi(
    `${settings.apiUrl}commands/callback`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    },
    ctx.config.telephony.callbackTimeoutMs,
  );
  if (!res.ok) return res;
  const answer = parseJsonOrNull(res.text);
  if (res.status !== 200) return { ok: false, reason: `HTTP ${res.status}${answer?.['message'] ? `: ${String(answer['message'])}` : ''}` };
  if (Number(answer?.['result']) !== MANGO_OK)
    return { ok: false, reason: `Mango ответила кодом ${String(answer?.['result'] ?? res.text.slice(0, 100))}` };
  return { ok: true, requestId: call.commandId };
}

export const mango: TelephonyAdapter = {
  id: 'mango',
  label: 'Mango Office',
  hooks: ['events/call', 'events/summary', 'events/recording', 'ping'].map((kind) => ({ kind, path: `${MANGO_BASE_PATH}/${kind}` })),
  verify,
  read,
  clickToCall,
};
