import { inArray, sql } from 'drizzle-orm';
import { signInThrottle } from '../../../schema/db';
import { auditInsert } from '../audit';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { checkPassword } from './password-check';

/**
 * Failures allowed before the throttle starts, per account (every typed e-mail, known or not, so
 * the answers do not tell which exist) and per client address (higher: an office shares one
 * address). After that each failure makes the next attempt wait 1 s, 2 s, 4 s … up to 15 min; a
 * success clears the account; a day without failures forgets both.
 */
export const SIGN_IN_THROTTLE = {
  accountFree: 5,
  addressFree: 20,
  firstDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3_600_000,
} as const;

export interface ThrottleKey {
  key: string;
  free: number;
}

/** The wait (ms) a run of `failures` imposes on the next attempt; null while still free. */
export function delayAfter(failures: number, free: number): number | null {
  if (failures < free) return null;
  return Math.min(SIGN_IN_THROTTLE.maxDelayMs, SIGN_IN_THROTTLE.firstDelayMs * 2 ** Math.min(failures - free, 30));
}

/**
 * The client address as Cloudflare reports it (CF-Connecting-IP). An IPv6 client owns a whole /64,
 * so that prefix is the address; anything unparsable is no address at all.
 */
export function clientAddress(header: string | undefined | null): string | null {
  const text = header?.trim().toLowerCase() ?? '';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return text;
  if (!/^[0-9a-f:]{2,39}$/.test(text) || text.split('::').length > 2) return null;
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export function signInKeys(email: string, address: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `account:${email}`, free: SIGN_IN_THROTTLE.accountFree }];
  if (address) keys.push({ key: `address:${address}`, free: SIGN_IN_THROTTLE.addressFree });
  return keys;
}

/** SQL of now + delayAfter(failures) for a failures expression, NULL while still free. */
function blockedUntilSql(now: number, failures: ReturnType<typeof sql>, free: number) {
  const { firstDelayMs, maxDelayMs } = SIGN_IN_THROTTLE;
  return sql`CASE WHEN ${failures} >= ${free} THEN ${now} + min(${maxDelayMs}, ${firstDelayMs} * (1 << min(${failures} - ${free}, 30))) END`;
}

const tooManyAttempts = (waitMs: number) =>
  new AppError(
    'too_many_requests',
    {
      ru: `Слишком много неудачных попыток входа. Попробуйте через ${Math.ceil(waitMs / 1000)} с`,
      en: `Too many failed sign-ins. Try again in ${Math.ceil(waitMs / 1000)} s`,
    },
    undefined,
    { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) },
  );

/**
 * Lets an attempt through to the password check or answers 429 without running it. Once a key is
 * throttled, the attempt after its wait claims the next window in the same statement that checks
 * it, so a burst of parallel attempts gets one check per window, not one each.
 */
async function admit(ctx: ServiceContext, keys: ThrottleKey[]): Promise<void> {
  const recent = ctx.now - SIGN_IN_THROTTLE.forgetAfterMs;
  const claims = keys.map(({ key, free }) =>
    ctx.db.all<{ key: string }>(sql`UPDATE sign_in_throttle
      SET blocked_until = ${blockedUntilSql(ctx.now, sql`(failures + 1)`, free)}
      WHERE key = ${key} AND failures >= ${free} AND last_failure_at >= ${recent}
        AND (blocked_until IS NULL OR blocked_until <= ${ctx.now})
      RETURNING key`),
  );
  const state = ctx.db
    .select()
    .from(signInThrottle)
    .where(
      inArray(
        signInThrottle.key,
        keys.map((k) => k.key),
      ),
    );
  const results = await ctx.db.batch([state, ...claims] as [typeof state, ...typeof claims]);
  const [rows, ...claimed] = results as [Awaited<typeof state>, ...{ key: string }[][]];
  const claimedKeys = new Set(claimed.flat().map((r) => r.key));
  let waitMs = 0;
  for (const row of rows) {
    if (claimedKeys.has(row.key) || row.lastFailureAt < recent || row.blockedUntil === null) continue;
    waitMs = Math.max(waitMs, row.blockedUntil - ctx.now);
  }
  if (waitMs > 0) throw tooManyAttempts(waitMs);
}

/** One more failure on each key (a run older than a day starts again), with its audit row. */
function failureStatements(ctx: ServiceContext, keys: ThrottleKey[], input: { email: string; via: string; address: string | null }) {
  const recent = ctx.now - SIGN_IN_THROTTLE.forgetAfterMs;
  const next = sql`(CASE WHEN last_failure_at < ${recent} THEN 1 ELSE failures + 1 END)`;
  return [
    ...keys.map(({ key, free }) =>
      ctx.db.run(sql`INSERT INTO sign_in_throttle (key, failures, last_failure_at, blocked_until)
        VALUES (${key}, 1, ${ctx.now}, ${blockedUntilSql(ctx.now, sql`1`, free)})
        ON CONFLICT (key) DO UPDATE SET
          failures = ${next},
          last_failure_at = ${ctx.now},
          blocked_until = max(coalesce(blocked_until, 0), coalesce(${blockedUntilSql(ctx.now, next, free)}, 0))`),
    ),
    // Forgotten runs are removed a few at a time, so a flood of made-up e-mails leaves no lasting rows.
    ctx.db.run(sql`DELETE FROM sign_in_throttle WHERE key IN
      (SELECT key FROM sign_in_throttle WHERE last_failure_at < ${recent} LIMIT 20)`),
    auditInsert(ctx, {
      action: 'sign_in_failed',
      entity: 'user',
      // The account's id when the e-mail is someone's; the typed text is not kept (it may be a password).
      entityId: sql`(SELECT id FROM users WHERE email = ${input.email})`,
      details: { via: input.via, address: input.address },
    }),
  ];
}

/**
 * The password check behind the throttle: 429 (Retry-After) before any PBKDF2 while the account or
 * the address waits; a refusal counts against both and is audited. Returns the user id and the
 * statement that clears the account's run, to go into the caller's batch with the new session.
 */
export async function checkPasswordThrottled(
  ctx: ServiceContext,
  input: { email: string; password: string; address: string | null; via: 'password' | 'extension' },
) {
  const keys = signInKeys(input.email, input.address);
  await admit(ctx, keys);
  let userId: number;
  try {
    userId = await checkPassword(ctx.db, input.email, input.password);
  } catch (err) {
    if (err instanceof AppError && err.code === 'unauthorized') await ctx.db.batch(failureStatements(ctx, keys, input) as never);
    throw err;
  }
  const forgetAccount = ctx.db.run(sql`DELETE FROM sign_in_throttle WHERE key = ${keys[0]!.key}`);
  return { userId, forgetAccount };
}
