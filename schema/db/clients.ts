import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { regions, users } from './people';

export const companyStatuses = ['prospect', 'client'] as const;

/** Контрагент. ownerId null = the region's pool. mergedIntoId set = a redirect left by a merge. */
export const companies = sqliteTable(
  'companies',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    nameNormalized: text('name_normalized').notNull(),
    inn: text('inn'),
    kpp: text('kpp'),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    ownerId: integer('owner_id').references(() => users.id),
    status: text('status', { enum: companyStatuses }).notNull().default('prospect'),
    onecRef: text('onec_ref'),
    /** DataVersion of the Catalog_Контрагенты entry last applied: the same version twice is a no-op. */
    onecVersion: text('onec_version'),
    mergedIntoId: integer('merged_into_id'),
    /**
     * Set on a live company knowingly sharing its ИНН+КПП with the older live company named here: held
     * before the database guarded the pair (migration 0013 marked them), or brought by 1C, whose catalogue
     * may hold duplicates. Such a company stays outside `companies_inn_kpp_live_uq` until it is merged or
     * its ИНН/КПП is edited (an edit clears the mark and is checked like any other). docs/client-base.md.
     */
    duplicateOfId: integer('duplicate_of_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** First paid invoice: the earliest posted payment from 1C (kept by the 1C pipeline). */
    convertedAt: integer('converted_at'),
    /** Latest call, mail, note or done task (kept by a trigger on events; see schema/rollups). */
    lastTouchAt: integer('last_touch_at'),
    /** Payments over the 24 months from report_window.revenue_from (kept by triggers and the monthly roll). */
    revenue24m: integer('revenue_24m').notNull().default(0),
  },
  (t) => [
    index('companies_owner_idx').on(t.ownerId),
    index('companies_touch_idx').on(t.lastTouchAt),
    // Silent clients by how long, for the company, a region and a manager (the dormant report).
    index('companies_silent_idx').on(sql`coalesce(${t.lastTouchAt}, 0)`).where(sql`${t.mergedIntoId} IS NULL`),
    index('companies_region_silent_idx').on(t.regionId, sql`coalesce(${t.lastTouchAt}, 0)`).where(sql`${t.mergedIntoId} IS NULL`),
    index('companies_owner_silent_idx')
      .on(sql`coalesce(${t.ownerId}, 0)`, sql`coalesce(${t.lastTouchAt}, 0)`)
      .where(sql`${t.mergedIntoId} IS NULL`),
    index('companies_region_owner_idx').on(t.regionId, t.ownerId),
    index('companies_inn_idx').on(t.inn, t.kpp),
    // One live company per ИНН+КПП (no КПП — a sole trader — is one value): concurrent creates and edits
    // cannot both pass the collision check; the loser's batch fails here and is answered with a 409.
    uniqueIndex('companies_inn_kpp_live_uq')
      .on(t.inn, sql`coalesce(${t.kpp}, '')`)
      .where(sql`${t.inn} IS NOT NULL AND ${t.mergedIntoId} IS NULL AND ${t.duplicateOfId} IS NULL`),
    index('companies_name_idx').on(t.nameNormalized),
    uniqueIndex('companies_onec_ref_uq').on(t.onecRef),
  ],
);

export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    name: text('name').notNull(),
    position: text('position'),
    mergedIntoId: integer('merged_into_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('contacts_company_idx').on(t.companyId)],
);

export const contactPointKinds = ['phone', 'email'] as const;

/** A phone (E.164) or e-mail (lower-cased); one value identifies at most one contact. */
export const contactPoints = sqliteTable(
  'contact_points',
  {
    id: integer('id').primaryKey(),
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    kind: text('kind', { enum: contactPointKinds }).notNull(),
    value: text('value').notNull(),
    /** Extension dialled after the number ("доб. 123"). */
    extension: text('extension'),
  },
  (t) => [
    uniqueIndex('contact_points_value_uq').on(t.kind, t.value),
    index('contact_points_contact_idx').on(t.contactId),
    index('contact_points_company_idx').on(t.companyId),
  ],
);
