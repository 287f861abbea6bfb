import { sqliteTable, integer, text, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { STAY_BUCKETS } from '../rollups/buckets';

/**
 * Per-day rollups the report pages read instead of the raw timeline (docs/reports.md). They are
 * kept by SQLite triggers in the same transaction as the rows that change them (schema/rollups/),
 * so every writer — webhooks, 1C, imports, merges, the seed — keeps them right, and a rebuild from
 * the raw rows must give the same figures (tests/integration/reports-rollups.test.ts).
 * Days are calendar dates: a call's in its manager's own time zone, everything else Moscow's.
 */

/** UTC offsets of Russian zones (no DST since 2014): the triggers turn instants into local days. */
export const tzOffsets = sqliteTable('tz_offsets', {
  timeZone: text('time_zone').primaryKey(),
  offsetMin: integer('offset_min').notNull(),
});

const callMeasures = () => ({
  calls: integer('calls').notNull().default(0),
  inbound: integer('inbound').notNull().default(0),
  outbound: integer('outbound').notNull().default(0),
  missed: integer('missed').notNull().default(0),
  targeted: integer('targeted').notNull().default(0),
  talkSec: integer('talk_sec').notNull().default(0),
});

/** Calls per manager per his local day. */
export const rollupCalls = sqliteTable(
  'rollup_calls',
  {
    day: text('day').notNull(),
    userId: integer('user_id').notNull(),
    ...callMeasures(),
  },
  (t) => [primaryKey({ columns: [t.day, t.userId] }), index('rollup_calls_user_idx').on(t.userId, t.day)],
);

/**
 * The same by week (Monday first): a year's report by week or per manager reads whole weeks here
 * and only the partial weeks at the period's edges from the day table. Every `*_w` table is kept
 * by the same triggers as its day table.
 */
export const rollupCallsWeekly = sqliteTable(
  'rollup_calls_w',
  {
    week: text('week').notNull(),
    userId: integer('user_id').notNull(),
    ...callMeasures(),
  },
  (t) => [primaryKey({ columns: [t.week, t.userId] }), index('rollup_calls_w_user_idx').on(t.userId, t.week)],
);

const leadMeasures = () => ({
  leads: integer('leads').notNull().default(0),
  chCall: integer('ch_call').notNull().default(0),
  chMail: integer('ch_mail').notNull().default(0),
  chOnec: integer('ch_onec').notNull().default(0),
  chManual: integer('ch_manual').notNull().default(0),
  chImport: integer('ch_import').notNull().default(0),
  chWeb: integer('ch_web').notNull().default(0),
});

/** New leads per Moscow day by region, owner and source channel. */
export const rollupLeads = sqliteTable(
  'rollup_leads',
  {
    day: text('day').notNull(),
    regionId: integer('region_id').notNull(),
    ownerId: integer('owner_id').notNull(),
    ...leadMeasures(),
  },
  (t) => [primaryKey({ columns: [t.day, t.regionId, t.ownerId] }), index('rollup_leads_owner_idx').on(t.ownerId, t.day)],
);

export const rollupLeadsWeekly = sqliteTable(
  'rollup_leads_w',
  {
    week: text('week').notNull(),
    regionId: integer('region_id').notNull(),
    ownerId: integer('owner_id').notNull(),
    ...leadMeasures(),
  },
  (t) => [primaryKey({ columns: [t.week, t.regionId, t.ownerId] }), index('rollup_leads_w_owner_idx').on(t.ownerId, t.week)],
);

/**
 * One row per completed stay in a stage (a stage change that leaves one): the stage, when it was
 * left and how long it lasted, in whole minutes and as its histogram bucket. Derived by trigger
 * from the append-only stage changes; `rollup_stays` is summed from it.
 */
export const leadStays = sqliteTable(
  'lead_stays',
  {
    id: integer('id').primaryKey(),
    leadId: integer('lead_id').notNull(),
    stageId: text('stage_id').notNull(),
    leftAt: integer('left_at').notNull(),
    minutes: integer('minutes').notNull(),
    bucket: integer('bucket').notNull(),
  },
  (t) => [index('lead_stays_lead_idx').on(t.leadId)],
);

const bucketColumns = Object.fromEntries(STAY_BUCKETS.map((_, i) => [`b${i}`, integer(`b${i}`).notNull().default(0)])) as Record<
  `b${number}`,
  ReturnType<typeof integer>
>;

/**
 * Completed stays in a stage per month (of leaving it), region and owner of the lead: a count, the
 * total minutes and a histogram over fixed geometric buckets (schema/rollups/buckets.ts), from
 * which the median and p90 are read without the raw stays.
 */
export const rollupStays = sqliteTable(
  'rollup_stays',
  {
    month: text('month').notNull(),
    stageId: text('stage_id').notNull(),
    regionId: integer('region_id').notNull(),
    ownerId: integer('owner_id').notNull(),
    stays: integer('stays').notNull().default(0),
    totalMin: integer('total_min').notNull().default(0),
    ...bucketColumns,
  },
  (t) => [primaryKey({ columns: [t.month, t.stageId, t.regionId, t.ownerId] }), index('rollup_stays_owner_idx').on(t.ownerId, t.month)],
);

/** The same stays for the whole company: the head of a company-wide report reads 12 rows a stage a year. */
export const rollupStaysAll = sqliteTable(
  'rollup_stays_all',
  {
    month: text('month').notNull(),
    stageId: text('stage_id').notNull(),
    stays: integer('stays').notNull().default(0),
    totalMin: integer('total_min').notNull().default(0),
    ...bucketColumns,
  },
  (t) => [primaryKey({ columns: [t.month, t.stageId] })],
);

/** Clients created (not merged away) and converted (first paid invoice) per Moscow day. */
export const rollupClients = sqliteTable(
  'rollup_clients',
  {
    day: text('day').notNull(),
    regionId: integer('region_id').notNull(),
    ownerId: integer('owner_id').notNull(),
    created: integer('created').notNull().default(0),
    converted: integer('converted').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.regionId, t.ownerId] }), index('rollup_clients_owner_idx').on(t.ownerId, t.day)],
);

export const rollupClientsWeekly = sqliteTable(
  'rollup_clients_w',
  {
    week: text('week').notNull(),
    regionId: integer('region_id').notNull(),
    ownerId: integer('owner_id').notNull(),
    created: integer('created').notNull().default(0),
    converted: integer('converted').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.week, t.regionId, t.ownerId] }), index('rollup_clients_w_owner_idx').on(t.ownerId, t.week)],
);

const documentMeasures = () => ({
  invoices: integer('invoices').notNull().default(0),
  invoicedKopecks: integer('invoiced_kopecks').notNull().default(0),
  payments: integer('payments').notNull().default(0),
  paidKopecks: integer('paid_kopecks').notNull().default(0),
  shipments: integer('shipments').notNull().default(0),
  shippedKopecks: integer('shipped_kopecks').notNull().default(0),
});

/** Posted 1C documents per 1C day by the client's region and the responsible manager. */
export const rollupDocuments = sqliteTable(
  'rollup_documents',
  {
    day: text('day').notNull(),
    regionId: integer('region_id').notNull(),
    userId: integer('user_id').notNull(),
    ...documentMeasures(),
  },
  (t) => [primaryKey({ columns: [t.day, t.regionId, t.userId] }), index('rollup_documents_user_idx').on(t.userId, t.day)],
);

export const rollupDocumentsWeekly = sqliteTable(
  'rollup_documents_w',
  {
    week: text('week').notNull(),
    regionId: integer('region_id').notNull(),
    userId: integer('user_id').notNull(),
    ...documentMeasures(),
  },
  (t) => [primaryKey({ columns: [t.week, t.regionId, t.userId] }), index('rollup_documents_w_user_idx').on(t.userId, t.week)],
);

/** Payments per client per month: the revenue at risk of a dormant client is the last 24 months. */
export const rollupRevenue = sqliteTable(
  'rollup_revenue',
  {
    companyId: integer('company_id').notNull(),
    month: text('month').notNull(),
    kopecks: integer('kopecks').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.month] })],
);

/** The first month of the 24-month revenue window `companies.revenue_24m` sums (one row). */
export const reportWindow = sqliteTable('report_window', {
  id: integer('id').primaryKey(),
  revenueFrom: text('revenue_from').notNull(),
});
