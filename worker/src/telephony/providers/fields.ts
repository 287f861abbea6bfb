import { CallSignal } from '../../../../schema/contracts';

/** Thrown by the helpers below; adapters turn it into a refusal with this (Russian) reason. */
export class Unreadable extends Error {}

export type Fields = Record<string, unknown>;

const show = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

export function object(v: unknown, what: string): Fields {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Unreadable(`${what}: ожидается JSON-объект, получено ${show(v)}`);
  return v as Fields;
}

/** A JSON object from text, or a reason. */
export function jsonObject(text: string, what: string): Fields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Unreadable(`${what}: не JSON`);
  }
  return object(parsed, what);
}

/** An optional text field (a number is taken as its digits); empty means absent; longer than `max` is refused. */
export function text(o: Fields, field: string, max = 64): string | null {
  const v = o[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v)))
    throw new Unreadable(`${field}: ожидается строка, получено ${show(v)}`);
  const s = String(v).trim();
  if (s.length > max) throw new Unreadable(`${field}: длиннее ${max} символов`);
  return s === '' ? null : s;
}

export function requiredText(o: Fields, field: string, max = 64): string {
  const v = text(o, field, max);
  if (v === null) throw new Unreadable(`нет поля ${field}`);
  return v;
}

/** An optional whole number, as a JSON number or a numeric string (form fields are strings). */
export function integer(o: Fields, field: string, min: number, max: number): number | null {
  const v = o[field];
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw new Unreadable(`${field}: ожидается целое число, получено ${show(v)}`);
  if (n < min || n > max) throw new Unreadable(`${field}: ${n} вне допустимого диапазона ${min}…${max}`);
  return n;
}

export function requiredInteger(o: Fields, field: string, min: number, max: number): number {
  const v = integer(o, field, min, max);
  if (v === null) throw new Unreadable(`нет поля ${field}`);
  return v;
}

export function oneOf<T extends string>(o: Fields, field: string, allowed: readonly T[]): T | null {
  const v = text(o, field, 40);
  if (v === null) return null;
  if (!(allowed as readonly string[]).includes(v))
    throw new Unreadable(`${field}: ожидается одно из ${allowed.join(', ')}, получено ${show(v)}`);
  return v as T;
}

const EARLIEST = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;

/** Unix seconds → ms, refused outside 2000 … a day after receipt (a PBX clock can drift, not by years). */
export function plausibleTime(ms: number, receivedAt: number, field: string): number {
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > receivedAt + DAY_MS) throw new Unreadable(`${field}: неправдоподобное время`);
  return Math.trunc(ms);
}

/** Every field of an application/x-www-form-urlencoded body; a field given twice is refused (which one is signed?). */
export function formFields(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (Object.prototype.hasOwnProperty.call(fields, key)) throw new Unreadable(`поле ${key} передано дважды`);
    fields[key] = value;
  }
  return fields;
}

/** The form for a signature check, which answers a reason instead of throwing. */
export function formOrReason(body: string): { ok: true; form: Record<string, string> } | { ok: false; reason: string } {
  try {
    return { ok: true, form: formFields(body) };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

/** The contract is the last check: whatever an adapter builds must be a valid CallSignal. */
export function signal(input: Partial<CallSignal> & Pick<CallSignal, 'provider' | 'callId' | 'phase' | 'at'>): CallSignal {
  const parsed = CallSignal.safeParse(input);
  if (!parsed.success) throw new Unreadable(parsed.error.issues.map((i) => `${i.path.join('.') || 'сигнал'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** Runs a reader, turning its Unreadable into a refusal with the payload id known so far. */
export function readWith(
  externalId: () => string | null,
  read: () => { signals: CallSignal[]; externalId?: string | null; note?: string },
) {
  try {
    const r = read();
    return {
      ok: true as const,
      externalId: r.externalId !== undefined ? r.externalId : externalId(),
      signals: r.signals,
      ...(r.note ? { note: r.note } : {}),
    };
  } catch (err) {
    if (err instanceof Unreadable) return { ok: false as const, externalId: safeId(externalId), reason: err.message };
    throw err;
  }
}

function safeId(externalId: () => string | null): string | null {
  try {
    const id = externalId();
    return id && id.length <= 300 ? id : null;
  } catch {
    return null;
  }
}
