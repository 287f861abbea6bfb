import { eq, inArray, sql } from 'drizzle-orm';
import { regions, userRegions, users } from '../../../../schema/db';
import type { UserRole } from '../../../../schema/db';
import { requireRole, requireWriter } from '../../access';
import { auditInsert } from '../../audit';
import { hashPassword } from '../../platform/crypto';
import { AppError, notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';

/** Letters and digits a person reads off a screen without mistakes (no 0/O, 1/l/I). */
const READABLE = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 14 characters of READABLE (~80 bits), drawn without modulo bias. */
export function initialPassword(): string {
  const out: string[] = [];
  while (out.length < 14) {
    for (const b of crypto.getRandomValues(new Uint8Array(32))) {
      if (b < 256 - (256 % READABLE.length) && out.length < 14) out.push(READABLE[b % READABLE.length]!);
    }
  }
  return out.join('');
}

const fieldError = (field: string, message: string) => new AppError('validation_failed', undefined, [{ field, message }]);

async function checkRegions(ctx: ServiceContext, role: UserRole, regionIds: number[]) {
  if (role === 'admin' && regionIds.length) throw fieldError('body.regionIds', 'У администратора нет регионов: он видит всё');
  if (role !== 'admin' && !regionIds.length) throw fieldError('body.regionIds', 'Укажите хотя бы один регион');
  if (!regionIds.length) return;
  const found = await ctx.db.select({ id: regions.id }).from(regions).where(inArray(regions.id, regionIds)).all();
  const missing = regionIds.filter((id) => !found.some((r) => r.id === id));
  if (missing.length) throw fieldError('body.regionIds', `Нет такого региона: ${missing.join(', ')}`);
}

async function checkUnique(ctx: ServiceContext, input: { email?: string; phoneExtension?: string | null }, selfId: number | null) {
  const taken = await ctx.db.all<{
    id: number;
    email: string;
    phone_extension: string | null;
  }>(sql`SELECT id, email, phone_extension FROM users
    WHERE (email = ${input.email ?? null} OR phone_extension = ${input.phoneExtension ?? null}) AND id <> ${selfId ?? 0}`);
  if (input.email && taken.some((u) => u.email === input.email))
    throw fieldError('body.email', 'Этот e-mail уже есть у другого пользователя');
  if (input.phoneExtension && taken.some((u) => u.phone_extension === input.phoneExtension)) {
    throw fieldError('body.phoneExtension', 'Этот внутренний номер уже у другого пользователя: звонки нельзя направить двоим');
  }
}

/**
 * The admin adds a user: the row, his regions and the audit row in one batch. The initial password
 * is made here, stored only as its hash and returned once for the admin to hand over in person
 * (docs/security.md, "Adding a user").
 */
export async function createUser({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    name: string;
    email: string;
    role: UserRole;
    regionIds: number[];
    phoneExtension: string | null;
    timeZone: string;
    lang: 'ru' | 'en';
  };
}) {
  requireWriter(ctx.principal);
  requireRole(ctx.principal, 'admin');
  const regionIds = [...new Set(input.regionIds)];
  await checkRegions(ctx, input.role, regionIds);
  await checkUnique(ctx, input, null);
  const password = initialPassword();
  const passwordHash = await hashPassword(password);
  const id = sql`(SELECT id FROM users WHERE email = ${input.email})`;
  await ctx.db.batch([
    ctx.db.insert(users).values({
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash,
      phoneExtension: input.phoneExtension,
      timeZone: input.timeZone,
      lang: input.lang,
      active: true,
      createdAt: ctx.now,
    }),
    ...regionIds.map((regionId) => ctx.db.run(sql`INSERT INTO user_regions (user_id, region_id) VALUES (${id}, ${regionId})`)),
    auditInsert(ctx, {
      action: 'change',
      entity: 'user',
      entityId: id,
      details: {
        op: 'create',
        role: input.role,
        regionIds,
        phoneExtension: input.phoneExtension,
        timeZone: input.timeZone,
        lang: input.lang,
      },
    }),
  ]);
  const row = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
  return { id: row!.id, email: input.email, initialPassword: password };
}

/**
 * The admin edits a user's name, role, regions, extension, time zone or interface language: what changed, with its old
 * and new value, is audited in the same batch. The admin cannot change his own role (nobody would
 * be left to undo it).
 */
export async function updateUser({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    userId: number;
    name?: string | undefined;
    role?: UserRole | undefined;
    regionIds?: number[] | undefined;
    phoneExtension?: string | null | undefined;
    timeZone?: string | undefined;
    lang?: 'ru' | 'en' | undefined;
  };
}) {
  requireWriter(ctx.principal);
  const p = requireRole(ctx.principal, 'admin');
  const current = await ctx.db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      phoneExtension: users.phoneExtension,
      timeZone: users.timeZone,
      lang: users.lang,
    })
    .from(users)
    .where(eq(users.id, input.userId))
    .get();
  if (!current) throw notFound();
  if (input.role !== undefined && input.role !== current.role && current.id === p.user.id) {
    throw fieldError('body.role', 'Свою роль администратор не меняет: попросите другого администратора');
  }
  const currentRegions = (
    await ctx.db.select({ regionId: userRegions.regionId }).from(userRegions).where(eq(userRegions.userId, current.id)).all()
  )
    .map((r) => r.regionId)
    .sort((a, b) => a - b);
  const role = input.role ?? current.role;
  const regionIds = input.regionIds ? [...new Set(input.regionIds)].sort((a, b) => a - b) : currentRegions;
  if (input.role !== undefined || input.regionIds !== undefined) await checkRegions(ctx, role, regionIds);
  if (input.phoneExtension) await checkUnique(ctx, { phoneExtension: input.phoneExtension }, current.id);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const note = (field: string, from: unknown, to: unknown) => {
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  };
  note('name', current.name, input.name);
  note('role', current.role, input.role);
  note('regionIds', currentRegions, input.regionIds ? regionIds : undefined);
  note('phoneExtension', current.phoneExtension, input.phoneExtension);
  note('timeZone', current.timeZone, input.timeZone);
  note('lang', current.lang, input.lang);
  const changed = Object.keys(changes);
  if (changed.length) {
    const set = {
      ...(changes['name'] ? { name: input.name! } : {}),
      ...(changes['role'] ? { role: input.role! } : {}),
      ...(changes['phoneExtension'] ? { phoneExtension: input.phoneExtension ?? null } : {}),
      ...(changes['timeZone'] ? { timeZone: input.timeZone! } : {}),
      ...(changes['lang'] ? { lang: input.lang! } : {}),
    };
    await ctx.db.batch([
      auditInsert(ctx, { action: 'change', entity: 'user', entityId: current.id, details: { op: 'edit', changes } }),
      ...(Object.keys(set).length ? [ctx.db.update(users).set(set).where(eq(users.id, current.id))] : []),
      ...(changes['regionIds']
        ? [
            ctx.db.run(sql`DELETE FROM user_regions WHERE user_id = ${current.id}`),
            ...regionIds.map((regionId) =>
              ctx.db.run(sql`INSERT INTO user_regions (user_id, region_id) VALUES (${current.id}, ${regionId})`),
            ),
          ]
        : []),
    ]);
  }
  return { id: current.id, changed };
}
