import { sql } from 'drizzle-orm';
import { requireRole } from '../../access';
import type { ServiceContext } from '../../platform/route';

export interface RosterRow {
  id: number;
  name: string;
  email: string;
  role: 'manager' | 'head' | 'admin';
  phone_extension: string | null;
  time_zone: string;
  lang: 'ru' | 'en';
  active: number;
  regions: string | null;
  region_ids: string | null;
  clients: number;
  open_tasks: number;
}

/** Everyone, for the admin's users page: who, where, how many clients and open tasks, active or not. */
export async function listRoster({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.principal, 'admin');
  const rows = await ctx.db.all<RosterRow>(sql`SELECT u.id, u.name, u.email, u.role, u.phone_extension, u.time_zone, u.lang, u.active,
      (SELECT group_concat(r.name, ', ') FROM user_regions ur JOIN regions r ON r.id = ur.region_id WHERE ur.user_id = u.id) AS regions,
      (SELECT group_concat(region_id) FROM user_regions WHERE user_id = u.id) AS region_ids,
      (SELECT count(*) FROM companies WHERE owner_id = u.id AND merged_into_id IS NULL) AS clients,
      (SELECT count(*) FROM tasks WHERE user_id = u.id AND done_at IS NULL) AS open_tasks
    FROM users u ORDER BY u.active DESC, u.name`);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    extension: r.phone_extension,
    timeZone: r.time_zone,
    lang: r.lang,
    active: Boolean(r.active),
    regions: r.regions ?? '—',
    regionIds: r.region_ids ? r.region_ids.split(',').map(Number) : [],
    clients: Number(r.clients),
    openTasks: Number(r.open_tasks),
  }));
}

/** Every region, for the add and edit forms of the users page. */
export async function listAllRegions({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.principal, 'admin');
  return ctx.db.all<{ id: number; code: string; name: string; time_zone: string }>(
    sql`SELECT id, code, name, time_zone FROM regions ORDER BY name`,
  );
}
