import { STAY_BUCKETS, bucketSql } from './buckets';

/**
 * The report rollups as data: each contribution says which rows of a source table add what to which
 * rollup row. From it come (1) the SQLite triggers that keep the rollups in the same transaction as
 * the writes — insert adds, delete subtracts, update subtracts the old and adds the new, and a
 * change of a parent row the contribution reads (a lead's owner, a company's region, a manager's
 * time zone) moves its children's contributions — and (2) the rebuild from the raw rows, which
 * must give the same rollups. `$` in an expression is the source row.
 */
export interface Contribution {
  name: string;
  rollup: string;
  source: string;
  /** Which source rows contribute (SQL over `$`). */
  when: string;
  keys: Record<string, string>;
  measures: Record<string, string>;
  /** Source columns whose change changes the contribution. */
  watch: string[];
  /** Parent rows read through subqueries; `link` joins `$` to the changed parent row `P`. */
  parents?: { table: string; columns: string[]; link: string }[];
  /** The migration that created it (its triggers and first fill live there). */
  since: '0010' | '0011';
}

const MSK = 10_800; // Moscow is UTC+3 all year
const mskDay = (ms: string) => `date(${ms} / 1000 + ${MSK}, 'unixepoch')`;
const mskMonth = (ms: string) => `strftime('%Y-%m', ${ms} / 1000 + ${MSK}, 'unixepoch')`;
/** A manager's own calendar day of an instant (SQL): his zone's offset, Moscow's when unknown. */
export const userDay = (ms: string, userId: string) =>
  `date(${ms} / 1000 + 60 * coalesce((SELECT o.offset_min FROM users u JOIN tz_offsets o ON o.time_zone = u.time_zone WHERE u.id = ${userId}), 180), 'unixepoch')`;
const flag = (cond: string) => `(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
const LIVE_DOC = '$.posted = 1 AND $.deletion_mark = 0';

/** The stay that a stage change ends, in whole minutes: from the lead's previous change (or its creation) to this one. */
const STAY_MINUTES = `max(0, ($.at - coalesce((SELECT p.at FROM stage_changes p WHERE p.lead_id = $.lead_id AND p.id < $.id ORDER BY p.id DESC LIMIT 1),
  (SELECT l.created_at FROM leads l WHERE l.id = $.lead_id), $.at)) / 60000)`;

/** One completed stay per stage change that leaves a stage (stage changes are append-only). */
function leadStaysInsert(row: string, from = ''): string {
  return `INSERT INTO lead_stays (id, lead_id, stage_id, left_at, minutes, bucket)
    SELECT id, lead_id, stage_id, left_at, minutes, ${bucketSql('minutes')} FROM (
      SELECT ${row}.id AS id, ${row}.lead_id AS lead_id, ${row}.from_stage_id AS stage_id, ${row}.at AS left_at, ${sub(STAY_MINUTES, row)} AS minutes${from}
      WHERE ${row}.from_stage_id IS NOT NULL) WHERE true
    ON CONFLICT (id) DO NOTHING;`;
}

const DAILY: readonly Contribution[] = [
  {
    name: 'calls',
    since: '0010',
    rollup: 'rollup_calls',
    source: 'events',
    when: "$.kind = 'call'",
    keys: { day: userDay('$.occurred_at', '$.user_id'), user_id: 'coalesce($.user_id, 0)' },
    measures: {
      calls: '1',
      inbound: flag("$.direction = 'in'"),
      outbound: flag("$.direction = 'out'"),
      missed: flag("$.direction = 'in' AND coalesce($.call_result, 'missed') != 'answered'"),
      targeted: flag('$.targeted = 1'),
      talk_sec: 'coalesce($.duration_sec, 0)',
    },
    watch: ['kind', 'occurred_at', 'user_id', 'direction', 'call_result', 'targeted', 'duration_sec'],
    parents: [{ table: 'users', columns: ['time_zone'], link: '$.user_id = P.id' }],
  },
  {
    name: 'leads',
    since: '0010',
    rollup: 'rollup_leads',
    source: 'leads',
    when: '1',
    keys: { day: mskDay('$.created_at'), region_id: '$.region_id', owner_id: 'coalesce($.owner_id, 0)' },
    measures: {
      leads: '1',
      ch_call: flag("$.channel = 'call'"),
      ch_mail: flag("$.channel = 'mail'"),
      ch_onec: flag("$.channel = 'onec'"),
      ch_manual: flag("$.channel = 'manual'"),
      ch_import: flag("$.channel = 'import'"),
      ch_web: flag("$.channel = 'web'"),
    },
    watch: ['created_at', 'region_id', 'owner_id', 'channel'],
  },
  {
    name: 'stays',
    since: '0010',
    rollup: 'rollup_stays',
    source: 'lead_stays',
    when: '1',
    keys: {
      month: mskMonth('$.left_at'),
      stage_id: '$.stage_id',
      region_id: 'coalesce((SELECT l.region_id FROM leads l WHERE l.id = $.lead_id), 0)',
      owner_id: 'coalesce((SELECT l.owner_id FROM leads l WHERE l.id = $.lead_id), 0)',
    },
    measures: { stays: '1', total_min: '$.minutes', ...Object.fromEntries(STAY_BUCKETS.map((_, i) => [`b${i}`, flag(`$.bucket = ${i}`)])) },
    watch: ['lead_id', 'stage_id', 'left_at', 'minutes', 'bucket'],
    parents: [{ table: 'leads', columns: ['region_id', 'owner_id'], link: '$.lead_id = P.id' }],
  },
  {
    name: 'clients_created',
    since: '0010',
    rollup: 'rollup_clients',
    source: 'companies',
    when: '$.merged_into_id IS NULL',
    keys: { day: mskDay('$.created_at'), region_id: '$.region_id', owner_id: 'coalesce($.owner_id, 0)' },
    measures: { created: '1', converted: '0' },
    watch: ['created_at', 'region_id', 'owner_id', 'merged_into_id'],
  },
  {
    name: 'clients_converted',
    since: '0010',
    rollup: 'rollup_clients',
    source: 'companies',
    when: '$.merged_into_id IS NULL AND $.converted_at IS NOT NULL',
    keys: { day: mskDay('$.converted_at'), region_id: '$.region_id', owner_id: 'coalesce($.owner_id, 0)' },
    measures: { created: '0', converted: '1' },
    watch: ['converted_at', 'region_id', 'owner_id', 'merged_into_id'],
  },
  {
    name: 'documents',
    since: '0010',
    rollup: 'rollup_documents',
    source: 'onec_documents',
    when: `${LIVE_DOC} AND $.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment')`,
    keys: {
      day: 'substr($.date_local, 1, 10)',
      region_id: 'coalesce((SELECT c.region_id FROM companies c WHERE c.id = $.company_id), 0)',
      user_id: 'coalesce($.user_id, 0)',
    },
    measures: {
      invoices: flag("$.kind = 'invoice'"),
      invoiced_kopecks: "(CASE WHEN $.kind = 'invoice' THEN $.amount_kopecks ELSE 0 END)",
      payments: flag("$.kind IN ('payment_bank', 'payment_cash')"),
      paid_kopecks: "(CASE WHEN $.kind IN ('payment_bank', 'payment_cash') THEN $.amount_kopecks ELSE 0 END)",
      shipments: flag("$.kind = 'shipment'"),
      shipped_kopecks: "(CASE WHEN $.kind = 'shipment' THEN $.amount_kopecks ELSE 0 END)",
    },
    watch: ['posted', 'deletion_mark', 'kind', 'date_local', 'company_id', 'user_id', 'amount_kopecks'],
    parents: [{ table: 'companies', columns: ['region_id'], link: '$.company_id = P.id' }],
  },
  {
    name: 'revenue',
    since: '0010',
    rollup: 'rollup_revenue',
    source: 'onec_documents',
    when: `${LIVE_DOC} AND $.kind IN ('payment_bank', 'payment_cash') AND $.company_id IS NOT NULL`,
    keys: { company_id: '$.company_id', month: 'substr($.date_local, 1, 7)' },
    measures: { kopecks: '$.amount_kopecks' },
    watch: ['posted', 'deletion_mark', 'kind', 'date_local', 'company_id', 'amount_kopecks'],
  },
];

/** A day-keyed contribution's twin keyed by the Monday of its week (the `*_w` tables). */
function weekly(c: Contribution): Contribution {
  const { day, ...rest } = c.keys;
  return {
    ...c,
    name: `${c.name}_w`,
    rollup: `${c.rollup}_w`,
    since: '0011',
    keys: { week: `date(${day}, '-6 days', 'weekday 1')`, ...rest },
  };
}

const stays = DAILY.find((c) => c.name === 'stays')!;

export const CONTRIBUTIONS: readonly Contribution[] = [
  ...DAILY,
  ...DAILY.filter((c) => 'day' in c.keys).map(weekly),
  // The company-wide stays: no region or owner, so no parent can move them.
  {
    ...stays,
    name: 'stays_all',
    rollup: 'rollup_stays_all',
    since: '0011',
    keys: { month: stays.keys['month']!, stage_id: stays.keys['stage_id']! },
    parents: [],
  },
];

const TOUCH_KINDS = "('call', 'mail', 'note', 'task_done')";

/** A company's latest call, mail, note or done task, from its events. */
const LAST_TOUCH_SET = `UPDATE companies SET last_touch_at = (SELECT max(e.occurred_at) FROM events e WHERE e.company_id = companies.id AND +e.kind IN ${TOUCH_KINDS})`;

const sub = (expr: string, row: string) => expr.replaceAll('$.', `${row}.`);

/**
 * The upsert that adds (sign 1) or subtracts (sign −1) the contribution of `row` (NEW, OLD, or the
 * alias of a FROM over the source, with `link` choosing its rows).
 */
function apply(c: Contribution, row: string, sign: 1 | -1, from?: { link: string }): string {
  const keys = Object.keys(c.keys);
  const measures = Object.keys(c.measures);
  const values = [
    ...keys.map((k) => sub(c.keys[k]!, row)),
    ...measures.map((m) => (sign === 1 ? sub(c.measures[m]!, row) : `-(${sub(c.measures[m]!, row)})`)),
  ];
  return `INSERT INTO ${c.rollup} (${[...keys, ...measures].join(', ')})
    SELECT ${values.join(', ')}${from ? ` FROM ${c.source} ${row}` : ''} WHERE ${from ? `${from.link} AND ` : ''}(${sub(c.when, row)})
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${measures.map((m) => `${m} = ${m} + excluded.${m}`).join(', ')};`;
}

/** The triggers of every contribution, and the ones keeping `companies.last_touch_at` and `revenue_24m`. */
export function rollupTriggers(since?: Contribution['since']): string[] {
  const out: string[] = [];
  for (const c of CONTRIBUTIONS.filter((x) => !since || x.since === since)) {
    const t = `rollup_${c.name}`;
    out.push(`CREATE TRIGGER ${t}_ai AFTER INSERT ON ${c.source} BEGIN\n  ${apply(c, 'NEW', 1)}\nEND`);
    out.push(`CREATE TRIGGER ${t}_ad AFTER DELETE ON ${c.source} BEGIN\n  ${apply(c, 'OLD', -1)}\nEND`);
    out.push(
      `CREATE TRIGGER ${t}_au AFTER UPDATE OF ${c.watch.join(', ')} ON ${c.source} BEGIN\n  ${apply(c, 'OLD', -1)}\n  ${apply(c, 'NEW', 1)}\nEND`,
    );
    for (const p of c.parents ?? []) {
      // Before the parent changes, its children's contributions read the old value; after, the new one.
      out.push(
        `CREATE TRIGGER ${t}_${p.table}_bu BEFORE UPDATE OF ${p.columns.join(', ')} ON ${p.table} BEGIN\n  ${apply(c, 's', -1, { link: sub(p.link, 's').replaceAll('P.', 'OLD.') })}\nEND`,
      );
      out.push(
        `CREATE TRIGGER ${t}_${p.table}_au AFTER UPDATE OF ${p.columns.join(', ')} ON ${p.table} BEGIN\n  ${apply(c, 's', 1, { link: sub(p.link, 's').replaceAll('P.', 'NEW.') })}\nEND`,
      );
    }
  }
  if (since === '0011') return out;
  out.push(
    `CREATE TRIGGER lead_stays_ai AFTER INSERT ON stage_changes WHEN NEW.from_stage_id IS NOT NULL BEGIN\n  ${leadStaysInsert('NEW')}\nEND`,
  );
  out.push(`CREATE TRIGGER lead_stays_ad AFTER DELETE ON stage_changes BEGIN\n  DELETE FROM lead_stays WHERE id = OLD.id;\nEND`);
  out.push(`CREATE TRIGGER companies_last_touch_ai AFTER INSERT ON events WHEN NEW.company_id IS NOT NULL AND NEW.kind IN ${TOUCH_KINDS} BEGIN
  UPDATE companies SET last_touch_at = NEW.occurred_at WHERE id = NEW.company_id AND coalesce(last_touch_at, 0) < NEW.occurred_at;
END`);
  // A moved, re-dated or deleted event (a merge, a call's start corrected) recomputes the touch of the
  // companies involved exactly; those writes are rare, and the (company, time) index makes it cheap.
  out.push(`CREATE TRIGGER companies_last_touch_au AFTER UPDATE OF company_id, occurred_at, kind ON events BEGIN
  ${LAST_TOUCH_SET} WHERE id IN (OLD.company_id, NEW.company_id);
END`);
  out.push(`CREATE TRIGGER companies_last_touch_ad AFTER DELETE ON events WHEN OLD.company_id IS NOT NULL AND OLD.kind IN ${TOUCH_KINDS} BEGIN
  ${LAST_TOUCH_SET} WHERE id = OLD.company_id;
END`);
  out.push(`CREATE TRIGGER companies_revenue_ai AFTER INSERT ON rollup_revenue BEGIN
  UPDATE companies SET revenue_24m = revenue_24m + NEW.kopecks WHERE id = NEW.company_id AND NEW.month >= (SELECT revenue_from FROM report_window WHERE id = 1);
END`);
  out.push(`CREATE TRIGGER companies_revenue_au AFTER UPDATE OF kopecks ON rollup_revenue BEGIN
  UPDATE companies SET revenue_24m = revenue_24m + NEW.kopecks - OLD.kopecks WHERE id = NEW.company_id AND NEW.month >= (SELECT revenue_from FROM report_window WHERE id = 1);
END`);
  return out;
}

export const ROLLUP_TABLES = [...new Set(CONTRIBUTIONS.map((c) => c.rollup))];

/** The 24-month revenue window's first month for a month "YYYY-MM". */
export function revenueWindowFrom(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - 23;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Migration 0010 as written: the window's first month from SQLite's own clock, at migration time.
 * The cron (worker/src/reports/roll-window.ts) moves it from then on; nothing else may use it.
 */
export const MIGRATION_0010_REVENUE_FROM = "strftime('%Y-%m', 'now', 'start of month', '-23 months')";

/** The window as it stands: a rebuild keeps the month the cron last rolled to. */
export const REVENUE_FROM_STORED = '(SELECT revenue_from FROM report_window WHERE id = 1)';

/** `companies.revenue_24m` recomputed for the window from `fromSql` (SQL giving a "YYYY-MM"). */
export function refreshRevenueWindow(fromSql: string): string[] {
  return [
    `INSERT INTO report_window (id, revenue_from) VALUES (1, ${fromSql}) ON CONFLICT (id) DO UPDATE SET revenue_from = excluded.revenue_from`,
    'UPDATE companies SET revenue_24m = coalesce((SELECT sum(r.kopecks) FROM rollup_revenue r WHERE r.company_id = companies.id AND r.month >= (SELECT revenue_from FROM report_window WHERE id = 1)), 0)',
  ];
}

/**
 * Every rollup recomputed from the raw rows (the definition the triggers must keep to): used after
 * a bulk load with the triggers off, by an admin repair, and by the test that compares the two.
 */
/** The rollups of `list` emptied and summed again from their raw rows. */
function refill(list: readonly Contribution[]): string[] {
  const out: string[] = [...new Set(list.map((c) => c.rollup))].map((t) => `DELETE FROM ${t}`);
  for (const c of list) {
    const keys = Object.keys(c.keys);
    const measures = Object.keys(c.measures);
    out.push(`INSERT INTO ${c.rollup} (${[...keys, ...measures].join(', ')})
  SELECT ${[...keys.map((k) => sub(c.keys[k]!, 's')), ...measures.map((m) => `sum(${sub(c.measures[m]!, 's')})`)].join(', ')}
  FROM ${c.source} s WHERE ${sub(c.when, 's')} GROUP BY ${keys.map((_, i) => i + 1).join(', ')}
  ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${measures.map((m) => `${m} = ${m} + excluded.${m}`).join(', ')}`);
  }
  return out;
}

/**
 * Every rollup recomputed from the raw rows (the definition the triggers must keep to): used after
 * a bulk load with the triggers off, by an admin repair, and by the test that compares the two.
 */
export function rebuildRollups(revenueFromSql = REVENUE_FROM_STORED): string[] {
  return [
    'DELETE FROM lead_stays',
    leadStaysInsert('s', ' FROM stage_changes s').replace(/;$/, ''),
    ...refill(CONTRIBUTIONS),
    LAST_TOUCH_SET,
    ...refillRevenue(revenueFromSql),
  ];
}

function refillRevenue(revenueFromSql: string): string[] {
  return refreshRevenueWindow(revenueFromSql);
}

export function dropRollupTriggers(): string[] {
  return rollupTriggers().map((ddl) => `DROP TRIGGER IF EXISTS ${/CREATE TRIGGER (\w+)/.exec(ddl)![1]}`);
}

/** Current UTC offsets of Russia's zones (fixed since 2014; Volgograd back to UTC+3 in 2020). */
export const RUSSIAN_ZONES: Record<string, number> = {
  'Europe/Kaliningrad': 120,
  'Europe/Moscow': 180,
  'Europe/Simferopol': 180,
  'Europe/Kirov': 180,
  'Europe/Volgograd': 180,
  'Europe/Samara': 240,
  'Europe/Astrakhan': 240,
  'Europe/Saratov': 240,
  'Europe/Ulyanovsk': 240,
  'Asia/Yekaterinburg': 300,
  'Asia/Omsk': 360,
  'Asia/Novosibirsk': 420,
  'Asia/Barnaul': 420,
  'Asia/Tomsk': 420,
  'Asia/Novokuznetsk': 420,
  'Asia/Krasnoyarsk': 420,
  'Asia/Irkutsk': 480,
  'Asia/Chita': 540,
  'Asia/Yakutsk': 540,
  'Asia/Khandyga': 540,
  'Asia/Vladivostok': 600,
  'Asia/Ust-Nera': 600,
  'Asia/Magadan': 660,
  'Asia/Sakhalin': 660,
  'Asia/Srednekolymsk': 660,
  'Asia/Kamchatka': 720,
  'Asia/Anadyr': 720,
};

/** What a migration adds after the tables drizzle-kit generated, in order (a unit test holds the files to it). */
export function rollupMigrationTail(migration: Contribution['since'] = '0010'): string[] {
  if (migration === '0011') return [...refill(CONTRIBUTIONS.filter((c) => c.since === '0011')), ...rollupTriggers('0011')];
  return [
    `INSERT OR IGNORE INTO tz_offsets (time_zone, offset_min) VALUES ${Object.entries(RUSSIAN_ZONES)
      .map(([z, m]) => `('${z}', ${m})`)
      .join(', ')}`,
    // Clients converted before: their first posted payment.
    convertedAtUpdate('true'),
    'DELETE FROM lead_stays',
    leadStaysInsert('s', ' FROM stage_changes s').replace(/;$/, ''),
    ...refill(CONTRIBUTIONS.filter((c) => c.since === '0010')),
    LAST_TOUCH_SET,
    ...refreshRevenueWindow(MIGRATION_0010_REVENUE_FROM),
    ...rollupTriggers('0010'),
  ];
}

/**
 * `companies.converted_at` — the first paid invoice — recomputed from the posted payments for the
 * companies `where` selects (SQL over companies): the 1C pipeline runs it after a payment changes,
 * a merge after moving documents, the seed after loading.
 */
export function convertedAtUpdate(where: string): string {
  return `UPDATE companies SET converted_at = (SELECT min(d.occurred_at) FROM onec_documents d WHERE d.company_id = companies.id
      AND d.kind IN ('payment_bank', 'payment_cash') AND d.posted = 1 AND d.deletion_mark = 0) WHERE ${where}`;
}
