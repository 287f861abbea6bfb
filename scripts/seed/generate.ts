/**
 * Deterministic seed data for a local D1 file: the demo data set of `npm start` and the year-long
 * data set of `npm run seed:year` (product.md, "Scale").
 */
import Database from 'better-sqlite3';
import { normalizeCompanyName } from '../../schema/domain/names';
import { REBUILD_COMPANY_SEARCH } from '../../schema/db/search';
import { convertedAtUpdate, dropRollupTriggers, rebuildRollups, revenueWindowFrom, rollupTriggers } from '../../schema/rollups';
import {
  PUBLIC_MAIL_DOMAINS,
  POSITIONS,
  ROLE_MAILBOXES,
  companyIdentity,
  corporateDomain,
  fullName,
  mailLocalPart,
  personName,
  type PersonName,
} from './people';
import { Random, mixSeed, weightedPicker } from './random';

export type SeedScale = 'demo' | 'year';

export interface SeedOptions {
  scale: SeedScale;
  seed?: number;
  /** The moment the history ends ("now" of the seeded world): the caller states it, the seed never reads the clock. */
  endDate: Date;
  /** Multiplies the length of the history (companies and users stay the same). */
  years?: number;
  /** Called once per user; pass a cheap function in tests. */
  passwordHash: (password: string) => string;
  log?: (message: string) => void;
}

export interface SeedReport {
  scale: SeedScale;
  seed: number;
  /** First and last instant of the generated history (ISO). */
  from: string;
  to: string;
  counts: Record<string, number>;
  seconds: number;
}

export const DEMO_PASSWORD = 'demo2026';
export const DEFAULT_SEED = 20_260_101;

export const SEED_TABLES = [
  'regions',
  'users',
  'user_regions',
  'companies',
  'contacts',
  'contact_points',
  'stages',
  'leads',
  'stage_changes',
  'tasks',
  'plans',
  'events',
  'onec_documents',
  'inbox',
  'audit_log',
  'sessions',
  'tokens',
] as const;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

// ---------------------------------------------------------------------------------------------
// Scales

interface ScaleConfig {
  regionCount: number;
  managerCount: number;
  companyCount: number;
  contactsPerCompany: (rng: Random) => number;
  historyDays: number;
  callsPerDay: number;
  mailsPerDay: number;
  leadsPerDay: number;
  notesPerDay: number;
  /** Share of owned prospects whose first contact falls inside the history. */
  newProspectShare: number;
}

const SCALES: Record<SeedScale, ScaleConfig> = {
  demo: {
    regionCount: 9,
    managerCount: 20,
    companyCount: 2_000,
    contactsPerCompany: weightedPicker([
      [1, 40],
      [2, 40],
      [3, 20],
    ]),
    historyDays: 120,
    callsPerDay: 24,
    mailsPerDay: 8,
    leadsPerDay: 1.6,
    notesPerDay: 0.4,
    newProspectShare: 0.12,
  },
  year: {
    regionCount: 16,
    managerCount: 100,
    companyCount: 50_000,
    contactsPerCompany: weightedPicker([
      [1, 10],
      [2, 20],
      [3, 32],
      [4, 20],
      [5, 18],
    ]),
    historyDays: 365,
    callsPerDay: 56,
    mailsPerDay: 19.5,
    leadsPerDay: 2.45,
    notesPerDay: 0.3,
    newProspectShare: 0.12,
  },
};

interface RegionSpec {
  code: string;
  name: string;
  timeZone: string;
  /** First two digits of ИНН/КПП issued there. */
  taxRegion: string;
  /** Landline area codes (3 or 4 digits). */
  areaCodes: readonly string[];
  weight: number;
}

/** Demo takes the first 9 (7 time zones); the year data set all 16 (11 UTC offsets). */
const REGIONS: readonly RegionSpec[] = [
  { code: 'MSK', name: 'Москва', timeZone: 'Europe/Moscow', taxRegion: '77', areaCodes: ['495', '499'], weight: 20 },
  { code: 'SPB', name: 'Санкт-Петербург', timeZone: 'Europe/Moscow', taxRegion: '78', areaCodes: ['812'], weight: 12 },
  { code: 'KGD', name: 'Калининград', timeZone: 'Europe/Kaliningrad', taxRegion: '39', areaCodes: ['4012'], weight: 4 },
  { code: 'KDA', name: 'Краснодар', timeZone: 'Europe/Moscow', taxRegion: '23', areaCodes: ['861'], weight: 8 },
  { code: 'EKB', name: 'Екатеринбург', timeZone: 'Asia/Yekaterinburg', taxRegion: '66', areaCodes: ['343'], weight: 10 },
  { code: 'NSK', name: 'Новосибирск', timeZone: 'Asia/Novosibirsk', taxRegion: '54', areaCodes: ['383'], weight: 8 },
  { code: 'KJA', name: 'Красноярск', timeZone: 'Asia/Krasnoyarsk', taxRegion: '24', areaCodes: ['391'], weight: 6 },
  { code: 'IKT', name: 'Иркутск', timeZone: 'Asia/Irkutsk', taxRegion: '38', areaCodes: ['3952'], weight: 5 },
  { code: 'VVO', name: 'Владивосток', timeZone: 'Asia/Vladivostok', taxRegion: '25', areaCodes: ['423'], weight: 6 },
  { code: 'KZN', name: 'Казань', timeZone: 'Europe/Moscow', taxRegion: '16', areaCodes: ['843'], weight: 7 },
  { code: 'SMR', name: 'Самара', timeZone: 'Europe/Samara', taxRegion: '63', areaCodes: ['846'], weight: 6 },
  { code: 'OMS', name: 'Омск', timeZone: 'Asia/Omsk', taxRegion: '55', areaCodes: ['3812'], weight: 4 },
  { code: 'CHE', name: 'Челябинск', timeZone: 'Asia/Yekaterinburg', taxRegion: '74', areaCodes: ['351'], weight: 5 },
  { code: 'YKS', name: 'Якутск', timeZone: 'Asia/Yakutsk', taxRegion: '14', areaCodes: ['4112'], weight: 2 },
  { code: 'GDX', name: 'Магадан', timeZone: 'Asia/Magadan', taxRegion: '49', areaCodes: ['4132'], weight: 1 },
  { code: 'PKC', name: 'Петропавловск-Камчатский', timeZone: 'Asia/Kamchatka', taxRegion: '41', areaCodes: ['4152'], weight: 1 },
];

// ---------------------------------------------------------------------------------------------
// Users

export interface SeedUser {
  id: number;
  email: string;
  name: string;
  role: 'admin' | 'head' | 'manager';
  phoneExtension: string | null;
  timeZone: string;
  /** 1-based region ids: headed regions for a head, the one own region for a manager. */
  regionIds: number[];
}

const USER_DOMAIN = 'demo.voronka.ru';

/** Users depend on the scale only (not on the seed), so the start script can print them. */
export function buildUsers(scale: SeedScale): SeedUser[] {
  const cfg = SCALES[scale];
  const regions = REGIONS.slice(0, cfg.regionCount);
  const rng = new Random(0x5eed_0001);
  const users: SeedUser[] = [
    {
      id: 1,
      email: `admin@${USER_DOMAIN}`,
      name: 'Ирина Администратор',
      role: 'admin',
      phoneExtension: null,
      timeZone: 'Europe/Moscow',
      regionIds: [],
    },
  ];
  // Heads take consecutive groups of 2–3 regions.
  const headCount = Math.ceil(regions.length / 3);
  let nextRegion = 1;
  for (let h = 0; h < headCount; h++) {
    const size = Math.floor(regions.length / headCount) + (h < regions.length % headCount ? 1 : 0);
    const regionIds = Array.from({ length: size }, (_, i) => nextRegion + i);
    nextRegion += size;
    const person = personName(rng);
    users.push({
      id: users.length + 1,
      email: `head${h + 1}@${USER_DOMAIN}`,
      name: `${person.first} ${person.last}`,
      role: 'head',
      phoneExtension: null,
      timeZone: regions[(regionIds[0] as number) - 1]?.timeZone ?? 'Europe/Moscow',
      regionIds,
    });
  }
  // Managers per region by weight (largest remainder, at least one each).
  const totalWeight = regions.reduce((s, r) => s + r.weight, 0);
  const quotas = regions.map((r) => Math.max(1, Math.floor((cfg.managerCount * r.weight) / totalWeight)));
  const remainders = regions.map((r, i) => ({ i, rest: (cfg.managerCount * r.weight) / totalWeight - (quotas[i] as number) }));
  remainders.sort((a, b) => b.rest - a.rest || a.i - b.i);
  let assigned = quotas.reduce((s, q) => s + q, 0);
  for (let k = 0; assigned < cfg.managerCount; k = (k + 1) % remainders.length, assigned++) {
    const i = (remainders[k] as { i: number }).i;
    quotas[i] = (quotas[i] as number) + 1;
  }
  const width = cfg.managerCount < 100 ? 2 : 3;
  let number = 1;
  regions.forEach((region, r) => {
    for (let q = 0; q < (quotas[r] as number); q++, number++) {
      const person = personName(rng);
      users.push({
        id: users.length + 1,
        email: `m${String(number).padStart(width, '0')}@${USER_DOMAIN}`,
        name: `${person.first} ${person.last}`,
        role: 'manager',
        phoneExtension: String(100 + number),
        timeZone: region.timeZone,
        regionIds: [r + 1],
      });
    }
  });
  return users;
}

export const DEMO_USERS: readonly SeedUser[] = buildUsers('demo');

// ---------------------------------------------------------------------------------------------
// Local time: working hours are the manager's own, in his region's zone.

const offsetCache = new Map<string, Map<number, number>>();

/** UTC offset (ms) of `timeZone` around the middle of UTC day `day`. */
function zoneOffset(timeZone: string, day: number): number {
  let byDay = offsetCache.get(timeZone);
  if (!byDay) offsetCache.set(timeZone, (byDay = new Map()));
  const cached = byDay.get(day);
  if (cached !== undefined) return cached;
  const at = day * DAY + 12 * HOUR;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - at;
  byDay.set(day, offset);
  return offset;
}

/** Russian non-working public holidays (fixed dates; transfers between years are ignored). */
const HOLIDAYS = new Set([
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
]);
const workdayCache = new Map<number, boolean>();

/** Whether a local calendar day (days since 1970-01-01) is a working day. */
function isWorkday(day: number): boolean {
  const cached = workdayCache.get(day);
  if (cached !== undefined) return cached;
  const date = new Date(day * DAY);
  const weekday = date.getUTCDay();
  const key = `${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
  const result = weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(key);
  workdayCache.set(day, result);
  return result;
}

/** UTC instant of a local wall-clock moment: local day `day`, `ms` after local midnight. */
function localToUtc(timeZone: string, day: number, ms: number): number {
  return day * DAY + ms - zoneOffset(timeZone, day);
}

/** A moment within 9:00–18:00 local, whole seconds, busier in the late morning and afternoon. */
function workMoment(rng: Random, timeZone: string, day: number): number {
  const hour = rng.next() < 0.5 ? 9 + rng.next() * 4 : 13 + rng.next() * 5;
  return localToUtc(timeZone, day, Math.floor(hour * 3600) * 1000);
}

/** `t` if it is within working hours, else the next working morning (plus up to 90 minutes). */
function snapToWork(rng: Random, timeZone: string, t: number): number {
  const offset = zoneOffset(timeZone, Math.floor(t / DAY));
  const local = t + offset;
  let day = Math.floor(local / DAY);
  const timeOfDay = local - day * DAY;
  const jitter = Math.floor(rng.next() * 90 * 60) * 1000;
  if (isWorkday(day) && timeOfDay >= 9 * HOUR && timeOfDay < 18 * HOUR) return t;
  if (!(isWorkday(day) && timeOfDay < 9 * HOUR)) {
    day++;
    while (!isWorkday(day)) day++;
  }
  return localToUtc(timeZone, day, 9 * HOUR + jitter);
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 1C's `Date`: Moscow wall-clock time without a zone (the 1C server's clock). */
function onecLocalDate(t: number): string {
  const d = new Date(t + 3 * HOUR);
  return `${d.getUTCFullYear()}-${twoDigits(d.getUTCMonth() + 1)}-${twoDigits(d.getUTCDate())}T${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())}:${twoDigits(d.getUTCSeconds())}`;
}

function ruDate(t: number): string {
  const d = new Date(t + 3 * HOUR);
  return `${twoDigits(d.getUTCDate())}.${twoDigits(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

// ---------------------------------------------------------------------------------------------
// Deterministic keys. Ids derive from (day, manager, slot) or from the lead, never from a running
// counter, so a later run over a shifted window re-creates the same rows for the same days.

const DAILY_EVENTS = 2 ** 44;
const LEAD_EVENTS = 2 * 2 ** 44;
const TASK_EVENTS = 3 * 2 ** 44;
const CALLBACK_TASKS = 2 ** 40;
const SLOTS_PER_DAY = 4096;
const CALL_SLOT = 0;
const CALLBACK_SLOT = 1024;
const MAIL_SLOT = 2048;
const NOTE_SLOT = 3072;
const MAX_LEADS_PER_DAY = 64;
const EVENTS_PER_LEAD = 64;
const CHANGES_PER_LEAD = 16;

const MASK48 = (1n << 48n) - 1n;

/**
 * A GUID-like key, unique per (namespace, id): the last group is a bijective scramble of both,
 * the rest is hashed for looks.
 */
function guid(seed: number, namespace: number, id: number): string {
  let x = ((BigInt(namespace) << 40n) | BigInt(id)) & MASK48;
  x = (x * 0x5deece66dn + BigInt(seed >>> 0)) & MASK48;
  x ^= x >> 24n;
  const h = [0, 1, 2].map((i) => mixSeed(seed, namespace, id, i).toString(16).padStart(8, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'.charAt(parseInt(h.charAt(16), 16) % 4)}${h.slice(17, 20)}-${x.toString(16).padStart(12, '0')}`;
}

/** 1C's DataVersion looks like base64 of 8 bytes ("AAAAAgAAAAA="). */
function dataVersion(seed: number, docId: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeUInt32BE(mixSeed(seed, 7, docId), 0);
  bytes.writeUInt32BE(mixSeed(seed, 8, docId) & 0xffff, 4);
  return bytes.toString('base64');
}

// ---------------------------------------------------------------------------------------------
// Words

const PRODUCTS = [
  'профнастил С8',
  'профнастил С21',
  'профнастил НС35',
  'профнастил Н60',
  'металлочерепицу Монтеррей',
  'металлочерепицу Каскад',
  'сэндвич-панели',
  'водосточную систему',
  'доборные элементы',
  'металлический штакетник',
  'фальцевую кровлю',
  'оцинкованный рулон',
  'гладкий лист 0,5 мм',
  'профнастил МП20',
];
const INCOMING_SUBJECTS = [
  (p: string) => `Запрос цены на ${p}`,
  (p: string) => `Запрос КП: ${p}`,
  (p: string) => `Нужен счёт на ${p}`,
  () => 'Вопрос по доставке на объект',
  () => 'Акт сверки за квартал',
  () => 'Платёжное поручение',
  () => 'Re: Коммерческое предложение',
  () => 'Уточнение по заказу',
  () => 'Претензия по отгрузке',
  () => 'Реквизиты для договора',
  (p: string) => `Заявка: ${p}, срочно`,
];
const OUTGOING_SUBJECTS = [
  (p: string) => `Коммерческое предложение на ${p}`,
  () => 'Счёт на оплату',
  (p: string) => `Прайс-лист на ${p}`,
  () => 'Re: Запрос цены',
  () => 'Договор поставки',
  () => 'Информация об отгрузке',
  () => 'Акт сверки',
  () => 'Спецификация к договору',
  () => 'Каталог цветов RAL',
  () => 'Re: Уточнение по заказу',
];
const NOTES = [
  'Клиент просит перезвонить после обеда',
  'Обсудили объём на следующий квартал',
  'Ждёт согласования бюджета',
  'Интересуется отсрочкой платежа',
  'Передал образцы цветов RAL',
  'Объект: склад 1200 м², кровля',
  'Конкурент предложил цену ниже на 5%',
  'Нужна доставка манипулятором',
  'Снабженец в отпуске до понедельника',
  'Просят сертификаты на металл',
];
const FIRST_CONTACT_CHANNELS = weightedPicker<'call' | 'mail' | 'web'>([
  ['call', 60],
  ['mail', 30],
  ['web', 10],
]);
const LOST_REASONS = weightedPicker<string>([
  ['Выбрали другого поставщика', 30],
  ['Дорого', 25],
  ['Не устроили сроки поставки', 12],
  ['Проект отложен', 12],
  ['Нет бюджета', 8],
  ['Нет нужного профиля или цвета', 6],
  ['Не выходит на связь', 7],
]);

type DocKind = 'order' | 'invoice' | 'payment_bank' | 'payment_cash' | 'shipment';
const DOC_INFO: Record<DocKind, { prefix: string; title: string; type: string }> = {
  order: { prefix: 'ЗК', title: 'Заказ клиента', type: 'StandardODATA.Document_ЗаказКлиента' },
  invoice: { prefix: 'СЧ', title: 'Счёт на оплату', type: 'StandardODATA.Document_СчетНаОплатуКлиенту' },
  payment_bank: { prefix: 'ПБ', title: 'Поступление безналичных ДС', type: 'StandardODATA.Document_ПоступлениеБезналичныхДенежныхСредств' },
  payment_cash: { prefix: 'КО', title: 'Приходный кассовый ордер', type: 'StandardODATA.Document_ПриходныйКассовыйОрдер' },
  shipment: { prefix: 'РТ', title: 'Реализация товаров и услуг', type: 'StandardODATA.Document_РеализацияТоваровУслуг' },
};

// ---------------------------------------------------------------------------------------------
// In-memory master data

interface Company {
  id: number;
  name: string;
  regionId: number;
  ownerId: number | null;
  status: 'client' | 'prospect';
  createdAt: number;
  /** Local day of the first contact for prospects born inside the history, else -1. */
  bornDay: number;
  onecRef: string;
  firstContact: number;
  contactCount: number;
  /** E-mail contact points as [contact id, address]. */
  mailboxes: [number, string][];
}

interface Contact {
  id: number;
  name: string;
  phone: string;
}

interface LeadState {
  id: number;
  createdAt: number;
  /** When it left the funnel, Infinity if still open at the end of the history. */
  closedAt: number;
}

interface StageInfo {
  slaHours: number | null;
  hint: string | null;
}

// ---------------------------------------------------------------------------------------------

export function seedDatabase(sqlitePath: string, opts: SeedOptions): SeedReport {
  const started = performance.now();
  const log = opts.log ?? (() => undefined);
  const cfg = SCALES[opts.scale];
  const seed = opts.seed ?? DEFAULT_SEED;
  const endMs = opts.endDate.getTime();
  const historyDays = Math.round(cfg.historyDays * (opts.years ?? 1));
  const startMs = endMs - historyDays * DAY;
  const firstDay = Math.floor(startMs / DAY);
  const lastDay = Math.floor((endMs - 1) / DAY);
  const regions = REGIONS.slice(0, cfg.regionCount);
  const users = buildUsers(opts.scale);
  const managers = users.filter((u) => u.role === 'manager');

  const db = new Database(sqlitePath);
  try {
    const stages = new Map<string, StageInfo>();
    for (const row of db.prepare('SELECT id, sla_hours AS slaHours, hint_ru AS hint FROM stages').all() as ({ id: string } & StageInfo)[]) {
      stages.set(row.id, { slaHours: row.slaHours, hint: row.hint });
    }
    for (const id of ['new', 'qualified', 'proposal', 'order', 'invoice', 'paid', 'shipped', 'lost']) {
      if (!stages.has(id)) throw new Error(`Stage "${id}" is missing: apply the migrations before seeding`);
    }
    const bulk = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n === 0;
    db.pragma('synchronous = OFF');
    // A big page cache and sorter threads mostly speed up re-creating the indexes after a bulk load.
    db.pragma('cache_size = -524288');
    db.pragma('threads = 2');
    db.pragma('temp_store = MEMORY');
    let journal: string | null = null;
    if (bulk && opts.scale === 'year') {
      // No rollback journal for a load into a fresh file; the caller re-creates it on failure.
      journal = String(db.pragma('journal_mode', { simple: true }));
      db.pragma('journal_mode = OFF');
    }

    // Users are hashed only when missing: hashing is deliberately slow.
    const existingUsers = new Set((db.prepare('SELECT id FROM users').all() as { id: number }[]).map((r) => r.id));
    const hashes = new Map<number, string>();
    for (const user of users) if (!existingUsers.has(user.id)) hashes.set(user.id, opts.passwordHash(DEMO_PASSWORD));

    const load = db.transaction(() => {
      const droppedIndexes = bulk ? dropSecondaryIndexes(db) : [];
      // A bulk load fills the report rollups once at the end instead of row by row through triggers.
      if (bulk) for (const statement of dropRollupTriggers()) db.exec(statement);
      const ctx = new Generator(db, { cfg, seed, startMs, endMs, firstDay, lastDay, regions, users, managers, stages, log });
      ctx.writeUsers(hashes);
      ctx.writeCompanies();
      ctx.writeHistory();
      ctx.writePlans();
      ctx.finishCompanies();
      if (droppedIndexes.length > 0) {
        log(`re-creating ${droppedIndexes.length} indexes`);
        for (const sql of droppedIndexes) db.exec(sql);
      }
      // After the indexes: the rebuild looks contacts up by company.
      rebuildCompanySearch(db);
      if (bulk) {
        log('building the report rollups');
        db.exec(convertedAtUpdate('true'));
        const window = revenueWindowFrom(new Date(endMs + 3 * 3_600_000).toISOString().slice(0, 7)); // the Moscow month of the end, as the cron rolls it
        for (const statement of [...rebuildRollups(`'${window}'`), ...rollupTriggers()]) db.exec(statement);
      }
    });
    load();
    if (journal !== null) db.pragma(`journal_mode = ${journal}`);

    const counts: Record<string, number> = {};
    for (const table of SEED_TABLES) counts[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return {
      scale: opts.scale,
      seed,
      from: new Date(startMs).toISOString(),
      to: new Date(endMs).toISOString(),
      counts,
      seconds: Math.round((performance.now() - started) / 10) / 100,
    };
  } finally {
    db.close();
  }
}

/** Rows loaded behind the services' back need the company search index rebuilt (schema/db/search.ts). */
function rebuildCompanySearch(db: Database.Database): void {
  for (const statement of REBUILD_COMPANY_SEARCH) db.exec(statement);
}

/** Drops the non-unique indexes of the big tables, returning their exact DDL from sqlite_master. */
function dropSecondaryIndexes(db: Database.Database): string[] {
  const rows = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
    AND tbl_name IN ('events', 'onec_documents', 'stage_changes', 'tasks', 'contact_points', 'contacts', 'leads')
    AND sql NOT LIKE 'CREATE UNIQUE%'`)
    .all() as { name: string; sql: string }[];
  for (const row of rows) db.exec(`DROP INDEX "${row.name}"`);
  return rows.map((r) => r.sql);
}

function prepareStatements(db: Database.Database) {
  const prepare = (sql: string) => db.prepare(sql);
  return {
    region: prepare('INSERT OR IGNORE INTO regions (id, code, name, time_zone) VALUES (?, ?, ?, ?)'),
    user: prepare(`INSERT OR IGNORE INTO users (id, email, name, role, password_hash, phone_extension, time_zone, active, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`),
    userRegion: prepare('INSERT OR IGNORE INTO user_regions (user_id, region_id) VALUES (?, ?)'),
    company: prepare(`INSERT OR IGNORE INTO companies (id, name, name_normalized, inn, kpp, region_id, owner_id, status, onec_ref,
      merged_into_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`),
    contact: prepare(
      'INSERT OR IGNORE INTO contacts (id, company_id, name, position, merged_into_id, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
    ),
    point: prepare('INSERT OR IGNORE INTO contact_points (id, contact_id, company_id, kind, value, extension) VALUES (?, ?, ?, ?, ?, ?)'),
    // Leads and tasks move on as the history grows, so a later run brings them up to date.
    lead: prepare(`INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, amount_kopecks, channel, created_at,
      stage_entered_at, closed_at, lost_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET stage_id = excluded.stage_id, stage_entered_at = excluded.stage_entered_at,
      closed_at = excluded.closed_at, lost_reason = excluded.lost_reason`),
    change: prepare(`INSERT OR IGNORE INTO stage_changes (id, lead_id, from_stage_id, to_stage_id, at, cause, cause_event_id,
      cause_rule, user_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    task: prepare(`INSERT INTO tasks (id, user_id, company_id, lead_id, kind, title, due_at, done_at, source_event_id, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET done_at = excluded.done_at`),
    event: prepare(`INSERT OR IGNORE INTO events (id, kind, source, external_id, occurred_at, company_id, contact_id, lead_id,
      user_id, region_id, direction, duration_sec, call_result, targeted, counterpart, subject, details, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    doc: prepare(`INSERT OR IGNORE INTO onec_documents (id, ref_key, kind, number, date_local, occurred_at, posted, deletion_mark,
      data_version, counterparty_ref, company_id, lead_id, user_id, amount_kopecks, currency, basis_ref, basis_type, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?, ?, ?, ?, 'RUB', ?, ?, ?)`),
    plan: prepare(`INSERT OR IGNORE INTO plans (id, user_id, month, metric, amount_kopecks) VALUES (?, ?, ?, 'shipments', ?)`),
    convert: prepare(`UPDATE companies SET status = 'client', onec_ref = ?, updated_at = ? WHERE id = ? AND status = 'prospect'`),
  };
}

interface GeneratorSettings {
  cfg: ScaleConfig;
  seed: number;
  startMs: number;
  endMs: number;
  firstDay: number;
  lastDay: number;
  regions: readonly RegionSpec[];
  users: SeedUser[];
  managers: SeedUser[];
  stages: Map<string, StageInfo>;
  log: (message: string) => void;
}

interface LeadStep {
  from: string | null;
  to: string;
  at: number;
  cause: 'event' | 'user' | 'rule';
  eventId: number | null;
  rule: string | null;
  reason: string | null;
}

class Generator {
  private readonly s: GeneratorSettings;
  private readonly db: Database.Database;
  private readonly companies: Company[] = [];
  private readonly contacts: Contact[] = [];
  /** Per manager: companies he owns that exist before the history, and all he owns. */
  private readonly ownedBefore = new Map<number, number[]>();
  private readonly ownedAll = new Map<number, number[]>();
  private readonly poolByRegion = new Map<number, number[]>();
  private readonly bornByOwnerDay = new Map<string, number[]>();
  private readonly openLead = new Map<number, LeadState>();
  private readonly converted = new Map<number, number>();
  private readonly docNumbers: Record<DocKind, number> = { order: 0, invoice: 0, payment_bank: 0, payment_cash: 0, shipment: 0 };
  private readonly stmt: ReturnType<typeof prepareStatements>;

  constructor(db: Database.Database, settings: GeneratorSettings) {
    this.db = db;
    this.s = settings;
    this.stmt = prepareStatements(db);
  }

  private run(name: keyof ReturnType<typeof prepareStatements>, ...params: unknown[]): void {
    this.stmt[name].run(...params);
  }

  writeUsers(hashes: Map<number, string>): void {
    this.s.regions.forEach((r, i) => this.run('region', i + 1, r.code, r.name, r.timeZone));
    const createdAt = this.s.startMs - 30 * DAY;
    for (const u of this.s.users) {
      const hash = hashes.get(u.id);
      if (hash !== undefined) this.run('user', u.id, u.email, u.name, u.role, hash, u.phoneExtension, u.timeZone, createdAt);
      const row = this.db.prepare('SELECT id FROM users WHERE email = ?').get(u.email) as { id: number } | undefined;
      if (row?.id !== u.id) throw new Error(`User ${u.email} exists with id ${row?.id ?? 'none'}, expected ${u.id}: seed a fresh database`);
      for (const regionId of u.regionIds) this.run('userRegion', u.id, regionId);
    }
  }

  writeCompanies(): void {
    const { cfg, seed, startMs, firstDay, lastDay, regions, managers } = this.s;
    const rng = new Random(mixSeed(seed, 1));
    const regionPicker = weightedPicker(regions.map((r, i) => [i + 1, r.weight] as const));
    const managersByRegion = new Map<number, SeedUser[]>();
    for (const m of managers) {
      const regionId = m.regionIds[0] as number;
      managersByRegion.set(regionId, [...(managersByRegion.get(regionId) ?? []), m]);
    }
    const usedInns = new Set<string>();
    const usedPhones = new Set<string>();
    const usedMails = new Set<string>();
    let contactId = 0;
    let pointId = 0;

    const newPhone = (region: RegionSpec): { value: string; extension: string | null } => {
      for (;;) {
        let value: string;
        let extension: string | null = null;
        if (rng.chance(0.6)) {
          // Mobile; +7 999 is kept for callers unknown to the base.
          value = `+79${String(rng.int(0, 98)).padStart(2, '0')}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
        } else {
          const area = rng.pick(region.areaCodes);
          value = `+7${area}${String(rng.int(2 * 10 ** (9 - area.length), 10 ** (10 - area.length) - 1))}`;
          if (rng.chance(0.35)) extension = String(rng.int(100, 999));
        }
        if (!usedPhones.has(value)) {
          usedPhones.add(value);
          return { value, extension };
        }
      }
    };
    const uniqueMail = (local: string, domain: string): string => {
      let address = `${local}@${domain}`.toLowerCase();
      for (let n = 2; usedMails.has(address); n++) address = `${local}${n}@${domain}`.toLowerCase();
      usedMails.add(address);
      return address;
    };

    for (let id = 1; id <= cfg.companyCount; id++) {
      const regionId = regionPicker(rng);
      const region = regions[regionId - 1] as RegionSpec;
      const identity = companyIdentity(rng, region.taxRegion, usedInns);
      const regionManagers = managersByRegion.get(regionId) ?? [];
      const owner = rng.chance(0.15) || regionManagers.length === 0 ? null : rng.pick(regionManagers);
      let status: Company['status'] = rng.chance(0.5) ? 'client' : 'prospect';
      let createdAt = startMs - rng.int(20, 6 * 365) * DAY - rng.int(0, 86_399) * 1000;
      let bornDay = -1;
      if (owner && rng.chance(cfg.newProspectShare)) {
        status = 'prospect';
        bornDay = rng.int(firstDay, lastDay);
        while (!isWorkday(bornDay) && bornDay > firstDay) bornDay--;
        while (!isWorkday(bornDay)) bornDay++;
        createdAt = workMoment(rng, owner.timeZone, bornDay);
        if (createdAt >= this.s.endMs || createdAt < startMs) {
          bornDay = -1;
          createdAt = startMs - DAY;
        }
      }
      const onecRef = guid(seed, 11, id);
      this.run(
        'company',
        id,
        identity.name,
        normalizeCompanyName(identity.name),
        identity.inn,
        identity.kpp,
        regionId,
        owner?.id ?? null,
        status,
        status === 'client' ? onecRef : null,
        createdAt,
        createdAt,
      );

      const domain = identity.legalForm === 'ИП' || rng.chance(0.35) ? null : corporateDomain(rng, identity.name);
      const company: Company = {
        id,
        name: identity.name,
        regionId,
        ownerId: owner?.id ?? null,
        status,
        createdAt,
        bornDay,
        onecRef,
        firstContact: contactId + 1,
        contactCount: 0,
        mailboxes: [],
      };
      const count = identity.owner ? Math.min(2, cfg.contactsPerCompany(rng)) : cfg.contactsPerCompany(rng);
      for (let c = 0; c < count; c++) {
        contactId++;
        const person: PersonName = c === 0 && identity.owner ? identity.owner : personName(rng);
        const position = c === 0 && identity.owner ? 'Индивидуальный предприниматель' : POSITIONS(rng);
        const name = fullName(person);
        this.run('contact', contactId, id, name, position, createdAt);
        const phones = rng.chance(0.2) ? 2 : 1;
        let primary = '';
        for (let p = 0; p < phones; p++) {
          const phone = newPhone(region);
          if (p === 0) primary = phone.value;
          this.run('point', ++pointId, contactId, id, 'phone', phone.value, phone.extension);
        }
        if (rng.chance(0.75)) {
          const address = uniqueMail(mailLocalPart(rng, person), domain && rng.chance(0.8) ? domain : PUBLIC_MAIL_DOMAINS(rng));
          this.run('point', ++pointId, contactId, id, 'email', address, null);
          company.mailboxes.push([contactId, address]);
        }
        if (c === 0 && domain && rng.chance(0.4)) {
          const address = uniqueMail(rng.pick(ROLE_MAILBOXES), domain);
          this.run('point', ++pointId, contactId, id, 'email', address, null);
          company.mailboxes.push([contactId, address]);
        }
        this.contacts.push({ id: contactId, name, phone: primary });
      }
      company.contactCount = count;
      this.companies.push(company);

      if (owner) {
        const all = this.ownedAll.get(owner.id) ?? [];
        all.push(id);
        this.ownedAll.set(owner.id, all);
        if (bornDay < 0) {
          const before = this.ownedBefore.get(owner.id) ?? [];
          before.push(id);
          this.ownedBefore.set(owner.id, before);
        } else {
          const key = `${owner.id}:${bornDay}`;
          this.bornByOwnerDay.set(key, [...(this.bornByOwnerDay.get(key) ?? []), id]);
        }
      } else {
        const pool = this.poolByRegion.get(regionId) ?? [];
        pool.push(id);
        this.poolByRegion.set(regionId, pool);
      }
    }
    this.s.log(`companies: ${cfg.companyCount}, contacts: ${contactId}, contact points: ${pointId}`);
  }

  private company(id: number): Company {
    return this.companies[id - 1] as Company;
  }

  private contactOf(company: Company, rng: Random): Contact {
    return this.contacts[company.firstContact - 1 + Math.floor(rng.next() * company.contactCount)] as Contact;
  }

  private leadAt(companyId: number, t: number): number | null {
    const lead = this.openLead.get(companyId);
    return lead && lead.createdAt <= t && t < lead.closedAt ? lead.id : null;
  }

  private event(
    id: number,
    kind: string,
    source: string,
    externalId: string,
    at: number,
    companyId: number | null,
    contactId: number | null,
    leadId: number | null,
    userId: number | null,
    regionId: number | null,
    direction: string | null,
    durationSec: number | null,
    callResult: string | null,
    targeted: boolean | null,
    counterpart: string | null,
    subject: string | null,
    details: string | null,
  ): void {
    this.stmt.event.run(
      id,
      kind,
      source,
      externalId,
      at,
      companyId,
      contactId,
      leadId,
      userId,
      regionId,
      direction,
      durationSec,
      callResult,
      targeted === null ? null : targeted ? 1 : 0,
      counterpart,
      subject,
      details,
      at + (durationSec ?? 0) * 1000 + 2000,
    );
  }

  writeHistory(): void {
    const { firstDay, lastDay, managers, log } = this.s;
    for (let day = firstDay; day <= lastDay; day++) {
      managers.forEach((manager, index) => this.managerDay(manager, index, day));
      if ((day - firstDay) % 30 === 29) log(`history: day ${day - firstDay + 1} of ${lastDay - firstDay + 1}`);
    }
  }

  /** One manager's working day: new leads first (so the day's calls can link to them), then calls, mails, notes. */
  private managerDay(manager: SeedUser, managerIndex: number, day: number): void {
    const { cfg, seed, startMs, endMs } = this.s;
    if (!isWorkday(day)) return;
    const rng = new Random(mixSeed(seed, 3, day, manager.id));
    const tz = manager.timeZone;
    const regionId = manager.regionIds[0] as number;
    const dayKey = day * 1024 + managerIndex;
    const before = this.ownedBefore.get(manager.id) ?? [];
    const all = this.ownedAll.get(manager.id) ?? [];
    const pool = this.poolByRegion.get(regionId) ?? [];

    // Leads: prospects whose first contact is today, then new interest from existing companies.
    let slot = 0;
    for (const companyId of this.bornByOwnerDay.get(`${manager.id}:${day}`) ?? []) {
      const company = this.company(companyId);
      const channel = FIRST_CONTACT_CHANNELS(rng);
      if (slot < MAX_LEADS_PER_DAY) this.lead(dayKey * MAX_LEADS_PER_DAY + slot++, company, manager, channel, company.createdAt);
    }
    const newLeads = rng.poisson(cfg.leadsPerDay);
    for (let k = 0; k < newLeads; k++) {
      const wantClient = rng.chance(0.75);
      const u = rng.next();
      const t = workMoment(rng, tz, day);
      const channelRoll = rng.next();
      if (before.length === 0 || slot >= MAX_LEADS_PER_DAY) continue;
      // Prefer a client or a prospect as asked, looking a few places along the owner's list.
      let company = this.company(before[Math.floor(u * before.length)] as number);
      for (let step = 1; step < 4 && (company.status === 'client') !== wantClient; step++) {
        company = this.company(before[(Math.floor(u * before.length) + step) % before.length] as number);
      }
      const open = this.openLead.get(company.id);
      if (open && open.closedAt > t) continue;
      const channel =
        company.status === 'client'
          ? channelRoll < 0.5
            ? 'onec'
            : channelRoll < 0.8
              ? 'call'
              : channelRoll < 0.96
                ? 'mail'
                : 'manual'
          : channelRoll < 0.55
            ? 'call'
            : channelRoll < 0.88
              ? 'mail'
              : 'manual';
      this.lead(dayKey * MAX_LEADS_PER_DAY + slot++, company, manager, channel, t);
    }

    // Calls.
    const eventBase = DAILY_EVENTS + dayKey * SLOTS_PER_DAY;
    const calls = Math.min(1000, Math.round(cfg.callsPerDay * (0.75 + rng.next() * 0.5)));
    for (let j = 0; j < calls; j++) {
      const t = workMoment(rng, tz, day);
      const out = rng.chance(0.62);
      const targetRoll = rng.next();
      const u = rng.next();
      const contactRoll = rng.next();
      const resultRoll = rng.next();
      const talk = rng.chance(0.2) ? rng.int(4, 29) : Math.min(3600, Math.max(30, Math.round(rng.logNormal(150, 0.8))));
      const unknownNumber = `+7999${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
      let company: Company | null = null;
      if (targetRoll < 0.8 && all.length > 0) {
        company = this.company(all[Math.floor(u * all.length)] as number);
        if (company.createdAt > t) company = before.length > 0 ? this.company(before[Math.floor(u * before.length)] as number) : null;
      } else if (targetRoll < 0.87 && pool.length > 0) {
        company = this.company(pool[Math.floor(u * pool.length)] as number);
      }
      const contact = company
        ? (this.contacts[company.firstContact - 1 + Math.floor(contactRoll * company.contactCount)] as Contact)
        : null;
      const result = out
        ? resultRoll < 0.66
          ? 'answered'
          : resultRoll < 0.9
            ? 'missed'
            : resultRoll < 0.98
              ? 'busy'
              : 'failed'
        : resultRoll < 0.8
          ? 'answered'
          : 'missed';
      const duration = result === 'answered' ? talk : 0;
      const id = eventBase + CALL_SLOT + j;
      if (t < startMs || t >= endMs) continue;
      this.event(
        id,
        'call',
        'seed',
        `call-${id}`,
        t,
        company?.id ?? null,
        contact?.id ?? null,
        company ? this.leadAt(company.id, t) : null,
        manager.id,
        company?.regionId ?? regionId,
        out ? 'out' : 'in',
        duration,
        result,
        result === 'answered' && duration >= 30 && company !== null,
        contact?.phone ?? unknownNumber,
        null,
        null,
      );
      if (!out && result === 'missed' && company && contact)
        this.callback(rng, manager, company, contact, id, t, eventBase + CALLBACK_SLOT + j);
    }

    // Mails.
    const mails = Math.min(1000, Math.round(cfg.mailsPerDay * (0.7 + rng.next() * 0.6)));
    for (let j = 0; j < mails; j++) {
      const t = workMoment(rng, tz, day);
      const out = rng.chance(0.55);
      const known = rng.chance(0.88) && all.length > 0;
      const u = rng.next();
      const boxRoll = rng.next();
      const subject = (out ? rng.pick(OUTGOING_SUBJECTS) : rng.pick(INCOMING_SUBJECTS))(rng.pick(PRODUCTS));
      const attachment = rng.chance(out ? 0.35 : 0.2);
      const unknownAddress = `zapros-${rng.int(1000, 99999)}@${PUBLIC_MAIL_DOMAINS(rng)}`;
      let company: Company | null = known ? this.company(all[Math.floor(u * all.length)] as number) : null;
      if (company && company.createdAt > t) company = null;
      if (company && company.mailboxes.length === 0) continue;
      const box = company ? (company.mailboxes[Math.floor(boxRoll * company.mailboxes.length)] as [number, string]) : null;
      const id = eventBase + MAIL_SLOT + j;
      if (t < startMs || t >= endMs) continue;
      this.event(
        id,
        'mail',
        'seed',
        `mail-${id}`,
        t,
        company?.id ?? null,
        box?.[0] ?? null,
        company ? this.leadAt(company.id, t) : null,
        manager.id,
        company?.regionId ?? regionId,
        out ? 'out' : 'in',
        null,
        null,
        null,
        box?.[1] ?? unknownAddress,
        subject,
        attachment ? '{"attachments":1}' : null,
      );
    }

    // Notes typed in the extension.
    const notes = Math.min(1000, rng.poisson(cfg.notesPerDay));
    for (let j = 0; j < notes; j++) {
      const t = workMoment(rng, tz, day);
      const text = rng.pick(NOTES);
      const u = rng.next();
      if (before.length === 0) continue;
      const company = this.company(before[Math.floor(u * before.length)] as number);
      const id = eventBase + NOTE_SLOT + j;
      if (t < startMs || t >= endMs) continue;
      this.event(
        id,
        'note',
        'seed',
        `note-${id}`,
        t,
        company.id,
        null,
        this.leadAt(company.id, t),
        manager.id,
        company.regionId,
        null,
        null,
        null,
        null,
        null,
        text,
        null,
      );
    }
  }

  /** A missed incoming call gets a call-back task; calling back (usually within the hour) closes it. */
  private callback(
    rng: Random,
    manager: SeedUser,
    company: Company,
    contact: Contact,
    callId: number,
    t: number,
    backCallId: number,
  ): void {
    const roll = rng.next();
    const delay = roll < 0.7 ? rng.int(3, 60) * MINUTE : roll < 0.95 ? rng.int(61, 24 * 60) * MINUTE : rng.int(1, 5) * DAY;
    const talk = rng.int(20, 400);
    const doneAt = snapToWork(rng, manager.timeZone, t + delay);
    const done = doneAt < this.s.endMs;
    const taskId = CALLBACK_TASKS + (callId - DAILY_EVENTS);
    const title = `Перезвонить: ${contact.name}`;
    this.run(
      'task',
      taskId,
      manager.id,
      company.id,
      this.leadAt(company.id, t),
      'callback',
      title,
      t + HOUR,
      done ? doneAt : null,
      callId,
      t,
    );
    if (!done) return;
    this.event(
      backCallId,
      'call',
      'seed',
      `call-${backCallId}`,
      doneAt,
      company.id,
      contact.id,
      this.leadAt(company.id, doneAt),
      manager.id,
      company.regionId,
      'out',
      talk,
      'answered',
      talk >= 30,
      contact.phone,
      null,
      null,
    );
    this.event(
      TASK_EVENTS + taskId,
      'task_done',
      'seed',
      `task-${taskId}`,
      doneAt,
      company.id,
      contact.id,
      this.leadAt(company.id, doneAt),
      manager.id,
      company.regionId,
      null,
      null,
      null,
      null,
      null,
      title,
      null,
    );
  }

  /**
   * Plans one lead's whole path from its own random stream, then writes the part before the end of
   * the history: the path does not depend on where the history ends, only what is visible does.
   */
  private lead(leadId: number, company: Company, owner: SeedUser, requestedChannel: string, t0: number): void {
    const { seed, endMs } = this.s;
    // Without an address on file the "mail" lead was typed in by hand.
    const channel = requestedChannel === 'mail' && company.mailboxes.length === 0 ? 'manual' : requestedChannel;
    const rng = new Random(mixSeed(seed, 4, leadId));
    const tz = owner.timeZone;
    const client = company.status === 'client';
    const steps: LeadStep[] = [];
    let eventSlot = 0;
    const nextEventId = () => {
      if (eventSlot >= EVENTS_PER_LEAD) throw new Error(`lead ${leadId} has more than ${EVENTS_PER_LEAD} events`);
      return LEAD_EVENTS + leadId * EVENTS_PER_LEAD + eventSlot++;
    };
    const amount =
      Math.round(Math.min(20_000_000, Math.max(20_000, rng.logNormal(client ? 420_000 : 260_000, 0.9)))) * 100 + rng.int(0, 99);
    const product = rng.pick(PRODUCTS);
    const contact = this.contactOf(company, rng);
    const mailbox = company.mailboxes.find(([id]) => id === contact.id) ?? company.mailboxes[0] ?? null;
    const events: { at: number; write: () => void }[] = [];
    let leadStage: string | null = null;
    const move = (
      to: string,
      at: number,
      cause: LeadStep['cause'],
      eventId: number | null,
      reason: string | null = null,
      rule: string | null = null,
    ) => {
      steps.push({ from: leadStage, to, at, cause, eventId, rule, reason });
      leadStage = to;
    };
    const call = (at: number, direction: 'in' | 'out', talk: number): number => {
      const id = nextEventId();
      events.push({
        at,
        write: () =>
          this.event(
            id,
            'call',
            'seed',
            `call-${id}`,
            at,
            company.id,
            contact.id,
            leadId,
            owner.id,
            company.regionId,
            direction,
            talk,
            'answered',
            talk >= 30,
            contact.phone,
            null,
            null,
          ),
      });
      return id;
    };
    const mail = (at: number, direction: 'in' | 'out', subject: string, attachment: boolean): number | null => {
      if (!mailbox) return null;
      const id = nextEventId();
      events.push({
        at,
        write: () =>
          this.event(
            id,
            'mail',
            'seed',
            `mail-${id}`,
            at,
            company.id,
            mailbox[0],
            leadId,
            owner.id,
            company.regionId,
            direction,
            null,
            null,
            null,
            mailbox[1],
            subject,
            attachment ? '{"attachments":1}' : null,
          ),
      });
      return id;
    };
    const docs: { kind: DocKind; at: number; amount: number; basis: number | null; eventId: number }[] = [];
    const doc = (kind: DocKind, at: number, docAmount: number, basis: number | null): number => {
      const eventId = nextEventId();
      docs.push({ kind, at, amount: docAmount, basis, eventId });
      return eventId;
    };
    const later = (t: number, median: number, sigma: number) =>
      snapToWork(rng, tz, t + Math.max(MINUTE, Math.round(rng.logNormal(median, sigma) / 1000) * 1000));
    const split = (total: number, parts: number): number[] => {
      const shares = Array.from({ length: parts }, () => 0.5 + rng.next());
      const sum = shares.reduce((s, x) => s + x, 0);
      const out = shares.map((x) => Math.floor((total * x) / sum));
      out[parts - 1] = total - out.slice(0, -1).reduce((s, x) => s + x, 0);
      return out;
    };
    // A small deal is not paid or shipped in many parts.
    const partsFor = (total: number, minPart: number) => Math.max(1, Math.floor(total / minPart));
    const lose = (from: number, reason: string) => {
      move('lost', later(from, 6 * DAY, 0.8), 'user', null, reason);
    };

    // Birth.
    let t = t0;
    if (channel === 'onec') {
      move('order', t, 'event', doc('order', t, amount, null));
    } else if (channel === 'call') {
      move('new', t, 'event', call(t, 'in', rng.int(40, 500)));
    } else if (channel === 'mail') {
      move('new', t, 'event', mail(t, 'in', `Запрос цены на ${product}`, false));
    } else if (channel === 'web') {
      move('new', t, 'rule', null, null, 'web_form');
    } else {
      move('new', t, 'user', null);
    }

    // The funnel, forward only, with a chance to be lost at every open stage.
    const p = client ? { qualify: 0.9, propose: 0.9, order: 0.85 } : { qualify: 0.72, propose: 0.8, order: 0.45 };
    if (leadStage === 'new') {
      if (rng.chance(p.qualify)) {
        t = later(t, 50 * MINUTE, 1.1);
        move('qualified', t, rng.chance(0.85) ? 'event' : 'user', null);
        const step = steps[steps.length - 1] as LeadStep;
        if (step.cause === 'event') step.eventId = call(t, 'out', rng.int(45, 900));
      } else lose(t, rng.chance(0.5) ? 'Не выходит на связь' : LOST_REASONS(rng));
    }
    if (leadStage === 'qualified') {
      if (rng.chance(p.propose)) {
        t = later(t, 20 * HOUR, 1.0);
        const mailId = rng.chance(0.85) ? mail(t, 'out', `Коммерческое предложение на ${product}`, true) : null;
        move('proposal', t, mailId === null ? 'user' : 'event', mailId);
      } else lose(t, LOST_REASONS(rng));
    }
    if (leadStage === 'proposal') {
      if (rng.chance(p.order)) {
        t = later(t, 4 * DAY, 0.8);
        move('order', t, 'event', doc('order', t, amount, null));
      } else lose(t, LOST_REASONS(rng));
    }
    if (leadStage === 'order') {
      const orderDoc = docs.length - 1;
      if (rng.chance(0.95)) {
        const invoices = split(amount, rng.chance(0.15) ? 2 : 1);
        let lastPayment = orderDoc;
        let paidAt = 0;
        let unpaid = false;
        invoices.forEach((invoiceAmount, i) => {
          t = later(t, i === 0 ? 3 * HOUR : 2 * DAY, 1.0);
          const invoiceId = doc('invoice', t, invoiceAmount, orderDoc);
          if (i === 0) move('invoice', t, 'event', invoiceId);
          const invoiceDoc = docs.length - 1;
          if (unpaid || !rng.chance(0.92)) {
            unpaid = true;
            return;
          }
          let payAt = t;
          for (const part of split(
            invoiceAmount,
            Math.min(
              rng.weighted([
                [1, 25],
                [2, 35],
                [3, 25],
                [4, 15],
              ] as const),
              partsFor(invoiceAmount, 3_000_000),
            ),
          )) {
            payAt = later(payAt, 3 * DAY, 0.8);
            doc(rng.chance(0.88) ? 'payment_bank' : 'payment_cash', payAt, part, invoiceDoc);
            lastPayment = docs.length - 1;
          }
          paidAt = Math.max(paidAt, payAt);
        });
        if (unpaid) {
          lose(t + 10 * DAY, 'Счёт не оплачен');
        } else {
          const paymentDoc = docs[lastPayment] as (typeof docs)[number];
          move('paid', paidAt, 'event', paymentDoc.eventId);
          let shipAt = paidAt;
          const shipments = split(
            amount,
            Math.min(
              rng.weighted([
                [2, 8],
                [3, 14],
                [4, 18],
                [5, 18],
                [6, 14],
                [8, 14],
                [10, 8],
                [12, 6],
              ] as const),
              partsFor(amount, 5_000_000),
            ),
          );
          shipments.forEach((part, i) => {
            shipAt = later(shipAt, i === 0 ? 2 * DAY : 4 * DAY, 0.7);
            const shipmentId = doc('shipment', shipAt, part, lastPayment);
            if (i === 0) move('shipped', shipAt, 'event', shipmentId);
          });
        }
      } else lose(t, LOST_REASONS(rng));
    }

    // Write what happened before the end of the history.
    const visible = steps.filter((s) => s.at < endMs);
    const last = visible[visible.length - 1];
    if (!last) return;
    const closed = last.to === 'shipped' || last.to === 'lost';
    this.openLead.set(company.id, { id: leadId, createdAt: t0, closedAt: closed ? last.at : Infinity });
    this.run(
      'lead',
      leadId,
      company.id,
      company.regionId,
      owner.id,
      last.to,
      amount,
      channel,
      t0,
      last.at,
      closed ? last.at : null,
      last.to === 'lost' ? last.reason : null,
    );
    for (const e of events) if (e.at < endMs) e.write();
    for (const d of docs) {
      if (d.at >= endMs) continue;
      const docId = d.eventId - LEAD_EVENTS;
      const refKey = guid(seed, 12, docId);
      const version = dataVersion(seed, docId);
      const info = DOC_INFO[d.kind];
      const number = `${info.prefix}00-${String(++this.docNumbers[d.kind]).padStart(6, '0')}`;
      const basis = d.basis === null ? null : docs[d.basis];
      const basisRef = basis ? guid(seed, 12, basis.eventId - LEAD_EVENTS) : null;
      this.run(
        'doc',
        docId,
        refKey,
        d.kind,
        number,
        onecLocalDate(d.at),
        d.at,
        version,
        company.onecRef,
        company.id,
        leadId,
        owner.id,
        d.amount,
        basisRef,
        basis ? DOC_INFO[basis.kind].type : null,
        d.at,
      );
      this.event(
        d.eventId,
        'onec_document',
        'onec',
        `${refKey}:${version}`,
        d.at,
        company.id,
        null,
        leadId,
        owner.id,
        company.regionId,
        null,
        null,
        null,
        null,
        null,
        `${info.title} ${number} от ${ruDate(d.at)}`,
        JSON.stringify({ kind: d.kind, number, amountKopecks: d.amount, posted: true }),
      );
      if ((d.kind === 'order' || d.kind.startsWith('payment')) && company.status === 'prospect' && !this.converted.has(company.id)) {
        this.converted.set(company.id, d.at);
      }
    }
    visible.forEach((step, i) => {
      const changeId = leadId * CHANGES_PER_LEAD + i;
      this.run(
        'change',
        changeId,
        leadId,
        step.from,
        step.to,
        step.at,
        step.cause,
        step.eventId,
        step.rule,
        step.cause === 'user' ? owner.id : null,
        step.reason,
      );
      const stage = this.s.stages.get(step.to);
      if (!stage?.hint || step.to === 'shipped' || step.to === 'lost') return;
      // The stage's next action, done when the lead leaves the stage.
      const next = steps[i + 1];
      const doneAt = next && next.at < endMs ? next.at : null;
      const taskId = changeId;
      const title = `${stage.hint} — ${company.name}`;
      this.run(
        'task',
        taskId,
        owner.id,
        company.id,
        leadId,
        step.to === 'new' ? 'callback' : 'follow_up',
        title,
        step.at + (stage.slaHours ?? 24) * HOUR,
        doneAt,
        step.eventId,
        step.at,
      );
      if (doneAt !== null) {
        this.event(
          TASK_EVENTS + taskId,
          'task_done',
          'seed',
          `task-${taskId}`,
          doneAt,
          company.id,
          null,
          leadId,
          owner.id,
          company.regionId,
          null,
          null,
          null,
          null,
          null,
          title,
          null,
        );
      }
    });
  }

  writePlans(): void {
    const { seed, startMs, endMs, managers } = this.s;
    const first = new Date(startMs);
    const last = new Date(endMs);
    for (const manager of managers) {
      const rng = new Random(mixSeed(seed, 5, manager.id));
      const base = Math.round(rng.logNormal(6_000_000, 0.3) / 100_000) * 100_000;
      for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); y * 12 + m <= last.getUTCFullYear() * 12 + last.getUTCMonth(); m++) {
        if (m === 12) {
          y++;
          m = 0;
        }
        // Roofing sells in the warm season.
        const season = [0.6, 0.65, 0.8, 1, 1.15, 1.25, 1.25, 1.2, 1.1, 1, 0.8, 0.65][m] as number;
        const month = `${y}-${twoDigits(m + 1)}`;
        const amount = Math.round((base * season * (0.9 + (mixSeed(seed, 6, manager.id, y, m) / 2 ** 32) * 0.2)) / 10_000) * 10_000;
        this.run('plan', manager.id * 100_000 + y * 12 + m, manager.id, month, amount * 100);
      }
    }
  }

  /** Prospects that ordered or paid during the history became clients then. */
  finishCompanies(): void {
    for (const [companyId, at] of this.converted) this.run('convert', this.company(companyId).onecRef, at, companyId);
  }
}
