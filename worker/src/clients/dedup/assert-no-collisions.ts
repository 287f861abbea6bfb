import type { Collision } from '../../../../schema/contracts';
import type { Principal } from '../../platform/principal';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { findCollisions, type CollisionProbe } from './find-collisions';

const BY_RU: Record<Collision['by'], string> = { inn: 'ИНН', phone: 'телефон', email: 'e-mail', name: 'название' };

function describe(c: Collision): { ru: string; en: string } {
  const who = c.ownerName ? `менеджер ${c.ownerName}` : 'пул региона';
  const whoEn = c.ownerName ? `manager ${c.ownerName}` : 'the region pool';
  const company = c.companyName ? `«${c.companyName}»` : 'клиент';
  return {
    ru: `${BY_RU[c.by]} ${c.value} уже есть: ${company}, ${who}, ${c.regionName}`,
    en: `${c.by} ${c.value} already exists: ${c.companyName ?? 'a client'}, ${whoEn}, ${c.regionName}`,
  };
}

/** Exact duplicates are refused with 409, naming the holder as far as the caller may know it. */
export async function assertNoCollisions(db: Db, principal: Principal, probe: CollisionProbe): Promise<void> {
  const collisions = await findCollisions(db, principal, probe);
  if (!collisions.length) return;
  const texts = collisions.map(describe);
  throw new AppError('conflict', { ru: texts.map((t) => t.ru).join('; '), en: texts.map((t) => t.en).join('; ') }, undefined, {
    collisions,
  });
}

/**
 * The key a failed write collided on, read from D1's error (drizzle wraps it as `cause`): SQLite names
 * the columns of a plain unique index ("UNIQUE constraint failed: contact_points.kind, contact_points.value")
 * and the name of one over an expression ("UNIQUE constraint failed: index 'companies_inn_kpp_live_uq'").
 */
export function clientKeyViolated(err: unknown): 'inn' | 'contact_point' | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (!/UNIQUE constraint failed/i.test(e.message)) continue;
    if (e.message.includes('companies_inn_kpp_live_uq')) return 'inn';
    if (e.message.includes('contact_points.kind, contact_points.value')) return 'contact_point';
  }
  return null;
}

/**
 * Runs the write of a new or changed client. The collision check before it is only advice: when a
 * concurrent request wrote the same ИНН+КПП, phone or e-mail in between, the database refuses this
 * batch as a whole (a unique index) and the caller gets the usual 409, naming the holder found by the
 * key. That read only names him; it writes nothing, so it cannot race into a second duplicate.
 */
export async function writeUnlessDuplicate<T>(db: Db, principal: Principal, probe: CollisionProbe, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!clientKeyViolated(err)) throw err;
    await assertNoCollisions(db, principal, probe);
    // The holder was merged away meanwhile: nothing left to name, but the write still did not happen.
    throw new AppError('conflict');
  }
}
