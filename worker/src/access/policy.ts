import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { companies, leads, userRegions, users } from '../../../schema/db';
import { AppError, forbidden, unauthorized } from '../platform/errors';
import type { Principal, UserScope } from '../platform/principal';

/**
 * The one place that decides who may read and write what (product.md "Access").
 * Services call these before touching a table; nothing reads client data unscoped.
 */
export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

const NOTHING = sql`0 = 1`;

export function requireUser(p: Principal): UserPrincipal {
  if (p.kind !== 'user') throw unauthorized();
  return p;
}

export function requireRole(p: Principal, ...roles: UserScope['role'][]): UserPrincipal {
  const u = requireUser(p);
  if (!roles.includes(u.user.role)) throw forbidden();
  return u;
}

/** Widgets hold read-only tokens: any write through one is refused. */
export function requireWriter(p: Principal): UserPrincipal {
  const u = requireUser(p);
  if (u.via === 'widget') throw new AppError('forbidden', { ru: 'Токен виджета только для чтения', en: 'Widget tokens are read-only' });
  return u;
}

/** Companies a principal may read in full. */
export function companyReadScope(p: Principal): SQL | undefined {
  if (p.kind !== 'user') return NOTHING;
  const { role, id, regionIds } = p.user;
  if (role === 'admin') return undefined;
  if (role === 'head') return regionIds.length ? inArray(companies.regionId, regionIds) : NOTHING;
  const pool = regionIds.length ? and(isNull(companies.ownerId), inArray(companies.regionId, regionIds)) : undefined;
  return pool ? or(eq(companies.ownerId, id), pool) : eq(companies.ownerId, id);
}

export function canReadCompany(p: Principal, company: { regionId: number; ownerId: number | null }): boolean {
  if (p.kind !== 'user') return false;
  const { role, id, regionIds } = p.user;
  if (role === 'admin') return true;
  if (role === 'head') return regionIds.includes(company.regionId);
  return company.ownerId === id || (company.ownerId === null && regionIds.includes(company.regionId));
}

/** Leads follow the same rule as companies, on the lead's own owner and region. */
export function leadReadScope(p: Principal): SQL | undefined {
  if (p.kind !== 'user') return NOTHING;
  const { role, id, regionIds } = p.user;
  if (role === 'admin') return undefined;
  if (role === 'head') return regionIds.length ? inArray(leads.regionId, regionIds) : NOTHING;
  const pool = regionIds.length ? and(isNull(leads.ownerId), inArray(leads.regionId, regionIds)) : undefined;
  return pool ? or(eq(leads.ownerId, id), pool) : eq(leads.ownerId, id);
}

/** Users whose figures and names a principal may list: self; a head his regions; the admin all. */
export function userReadScope(p: Principal): SQL | undefined {
  if (p.kind !== 'user') return NOTHING;
  const { role, id, regionIds } = p.user;
  if (role === 'admin') return undefined;
  if (role === 'head' && regionIds.length) {
    return or(
      eq(users.id, id),
      sql`${users.id} IN (SELECT ${userRegions.userId} FROM ${userRegions} WHERE ${inArray(userRegions.regionId, regionIds)})`,
    );
  }
  return eq(users.id, id);
}

/**
 * Who may change a company's data (not its owner): the admin; a head in his regions; a manager
 * for his own companies and his region's pool. Widgets never.
 */
export function canEditCompany(p: Principal, company: { regionId: number; ownerId: number | null }): boolean {
  if (p.kind !== 'user' || p.via === 'widget') return false;
  return canReadCompany(p, company);
}

/** Who may give a company to someone, take it away, merge it or hand a manager's book over. */
export function canManageOwnership(p: Principal, regionId: number): boolean {
  if (p.kind !== 'user' || p.via === 'widget') return false;
  if (p.user.role === 'admin') return true;
  return p.user.role === 'head' && p.user.regionIds.includes(regionId);
}
