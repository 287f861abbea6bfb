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
