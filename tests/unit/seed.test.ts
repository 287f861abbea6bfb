import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMigrations } from '../../scripts/lib/migrations';
import { DEMO_PASSWORD, DEMO_USERS, seedDatabase, type SeedReport } from '../../scripts/seed/generate';
import { isValidInn, isValidKpp } from '../../schema/domain/inn';
import { normalizeCompanyName } from '../../schema/domain/names';

const END = new Date('2026-03-02T00:00:00Z');
const hashed: string[] = [];
const cheapHash = (password: string) => {
  hashed.push(password);
  return `plain$${password}`;
};

let dir: string;
let file: string;
let db: Database.Database;
let first: SeedReport;

function migratedFile(path: string): void {
  const fresh = new Database(path);
  for (const migration of readMigrations()) for (const statement of migration.statements) fresh.exec(statement);
  fresh.close();
}

/** What a re-run must not change: the counts and a fingerprint of the rows that carry state. */
function fingerprint(conn: Database.Database) {
  return conn
    .prepare(`SELECT
    (SELECT count(*) || ':' || total(id) FROM events) AS events,
    (SELECT group_concat(stage_id, '') FROM (SELECT stage_id FROM leads ORDER BY id)) AS leadStages,
    (SELECT total(stage_entered_at) || ':' || total(closed_at) FROM leads) AS leadTimes,
    (SELECT count(done_at) || ':' || total(done_at) FROM tasks) AS tasks,
    (SELECT group_concat(status, '') FROM (SELECT status FROM companies ORDER BY id)) AS statuses,
    (SELECT group_concat(password_hash, ',') FROM users) AS hashes`)
    .get();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'voronka-seed-'));
  file = join(dir, 'db.sqlite');
  migratedFile(file);
  first = seedDatabase(file, { scale: 'demo', seed: 42, endDate: END, passwordHash: cheapHash });
  db = new Database(file, { readonly: true });
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo seed', () => {
  it('fills the demo scale and leaves the same rows when run again', () => {
    expect(first.counts.users).toBe(24);
    expect(first.counts.companies).toBe(2000);
    expect(first.counts.contacts).toBeGreaterThan(2000);
    expect(first.counts.events).toBeGreaterThan(40_000);
    expect(first.counts.leads).toBeGreaterThan(1000);
    expect(first.counts.onec_documents).toBeGreaterThan(1000);
    const before = fingerprint(db);
    const hashesBefore = hashed.length;

    const second = seedDatabase(file, { scale: 'demo', seed: 42, endDate: END, passwordHash: cheapHash });

    expect(second.counts).toEqual(first.counts);
    expect(fingerprint(db)).toEqual(before);
    expect(hashed.length).toBe(hashesBefore);
  });

  it('hashes the demo password once per user', () => {
    expect(hashed).toHaveLength(24);
    expect(new Set(hashed)).toEqual(new Set([DEMO_PASSWORD]));
  });

  it('creates the announced users: admin, 3 heads of 2–3 regions, 20 managers with extensions 101–120', () => {
    const users = db.prepare('SELECT id, email, role, phone_extension AS ext, time_zone AS tz FROM users ORDER BY id').all() as {
      id: number;
      email: string;
      role: string;
      ext: string | null;
      tz: string;
    }[];
    expect(users.map((u) => u.email)).toEqual(DEMO_USERS.map((u) => u.email));
    expect(users[0]).toMatchObject({ email: 'admin@demo.voronka.ru', role: 'admin' });
    const regionsOf = db.prepare(
      'SELECT r.time_zone AS tz FROM user_regions ur JOIN regions r ON r.id = ur.region_id WHERE ur.user_id = ?',
    );
    const heads = users.filter((u) => u.role === 'head');
    expect(heads.map((u) => u.email)).toEqual(['head1@demo.voronka.ru', 'head2@demo.voronka.ru', 'head3@demo.voronka.ru']);
    for (const head of heads) expect(regionsOf.all(head.id).length).toBeGreaterThanOrEqual(2);
    for (const head of heads) expect(regionsOf.all(head.id).length).toBeLessThanOrEqual(3);
    const managers = users.filter((u) => u.role === 'manager');
    expect(managers.map((u) => u.email)).toEqual(
      Array.from({ length: 20 }, (_, i) => `m${String(i + 1).padStart(2, '0')}@demo.voronka.ru`),
    );
    expect(managers.map((u) => u.ext)).toEqual(Array.from({ length: 20 }, (_, i) => String(101 + i)));
    for (const manager of managers) expect(regionsOf.all(manager.id)).toEqual([{ tz: manager.tz }]);
  });

  it('spreads regions over several time zones', () => {
    const row = db.prepare('SELECT count(*) AS regions, count(DISTINCT time_zone) AS zones FROM regions').get() as {
      regions: number;
      zones: number;
    };
    expect(row.regions).toBeGreaterThanOrEqual(8);
    expect(row.zones).toBeGreaterThanOrEqual(5);
  });

  it('gives every company a valid, unique ИНН and a КПП unless it is an ИП', () => {
    const companies = db.prepare('SELECT name, name_normalized AS normalized, inn, kpp FROM companies').all() as {
      name: string;
      normalized: string;
      inn: string;
      kpp: string | null;
    }[];
    for (const c of companies) {
      expect({ name: c.name, inn: c.inn, valid: isValidInn(c.inn) }).toEqual({ name: c.name, inn: c.inn, valid: true });
      if (c.name.startsWith('ИП ')) {
        expect(c.inn).toHaveLength(12);
        expect(c.kpp).toBeNull();
      } else {
        expect(c.inn).toHaveLength(10);
        expect({ kpp: c.kpp, valid: isValidKpp(c.kpp ?? '') }).toEqual({ kpp: c.kpp, valid: true });
        expect(c.name).toMatch(/^(ООО|АО|ПАО|ЗАО) «.+»$/);
      }
      expect(c.normalized).toBe(normalizeCompanyName(c.name));
    }
    expect(new Set(companies.map((c) => c.inn)).size).toBe(companies.length);
    expect(companies.filter((c) => c.kpp === null).length).toBeGreaterThan(0);
  });

  it('rebuilds the company search index, when the schema has one, from the seeded companies', () => {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'company_search'").get()) return;
    const rows = (db.prepare('SELECT count(*) AS n FROM company_search').get() as { n: number }).n;
    expect(rows).toBe(first.counts.companies);
    const company = db
      .prepare("SELECT id, name_normalized AS name FROM companies WHERE name NOT LIKE 'ИП %' ORDER BY id LIMIT 1")
      .get() as { id: number; name: string };
    const word = company.name.split(' ')[0] as string;
    const found = db.prepare('SELECT rowid FROM company_search WHERE company_search MATCH ?').all(`"${word}"*`) as { rowid: number }[];
    expect(found.map((r) => r.rowid)).toContain(company.id);
  });

  it('stores phones in E.164 and e-mails lower-cased, some phones with an extension', () => {
    const points = db.prepare('SELECT kind, value, extension FROM contact_points').all() as {
      kind: string;
      value: string;
      extension: string | null;
    }[];
    const phones = points.filter((p) => p.kind === 'phone');
    const mails = points.filter((p) => p.kind === 'email');
    expect(phones.length).toBeGreaterThan(2000);
    expect(mails.length).toBeGreaterThan(1000);
    expect(phones.filter((p) => !/^\+7\d{10}$/.test(p.value))).toEqual([]);
    expect(mails.filter((p) => p.value !== p.value.toLowerCase() || !/^[^@\s]+@[^@\s]+\.[a-z]+$/.test(p.value))).toEqual([]);
    expect(phones.filter((p) => p.extension !== null && /^\d{3}$/.test(p.extension)).length).toBeGreaterThan(0);
  });

  it("keeps every lead's stage equal to its latest stage change", () => {
    const leads = db
      .prepare('SELECT id, stage_id AS stage, stage_entered_at AS enteredAt, closed_at AS closedAt, lost_reason AS lostReason FROM leads')
      .all() as { id: number; stage: string; enteredAt: number; closedAt: number | null; lostReason: string | null }[];
    const latest = new Map<number, { to: string; at: number }>();
    for (const change of db.prepare('SELECT lead_id AS leadId, to_stage_id AS "to", at FROM stage_changes ORDER BY lead_id, at').all() as {
      leadId: number;
      to: string;
      at: number;
    }[])
      latest.set(change.leadId, { to: change.to, at: change.at });
    const mismatches = leads.filter((lead) => latest.get(lead.id)?.to !== lead.stage || latest.get(lead.id)?.at !== lead.enteredAt);
    expect(mismatches).toEqual([]);
    for (const lead of leads) {
      const closed = lead.stage === 'shipped' || lead.stage === 'lost';
      expect({ id: lead.id, closed: lead.closedAt !== null, reason: lead.lostReason !== null }).toEqual({
        id: lead.id,
        closed,
        reason: lead.stage === 'lost',
      });
    }
    const stages = new Set(leads.map((l) => l.stage));
    for (const stage of ['new', 'qualified', 'proposal', 'invoice', 'shipped', 'lost']) expect(stages).toContain(stage);
  });

  it('writes every kind of event, and calls with consistent results, durations and targeting', () => {
    const byKind = Object.fromEntries(
      (db.prepare('SELECT kind, count(*) AS n FROM events GROUP BY kind').all() as { kind: string; n: number }[]).map((r) => [r.kind, r.n]),
    );
    for (const kind of ['call', 'mail', 'note', 'onec_document', 'task_done']) expect(byKind[kind]).toBeGreaterThan(0);
    const calls = db
      .prepare(`SELECT direction, call_result AS result, duration_sec AS duration, targeted, company_id AS companyId,
      counterpart FROM events WHERE kind = 'call'`)
      .all() as { direction: string; result: string; duration: number; targeted: number; companyId: number | null; counterpart: string }[];
    expect(calls.filter((c) => c.direction !== 'in' && c.direction !== 'out')).toEqual([]);
    expect(calls.filter((c) => c.result !== 'answered' && c.duration !== 0)).toEqual([]);
    expect(calls.filter((c) => c.targeted === 1 && !(c.result === 'answered' && c.duration >= 30 && c.companyId !== null))).toEqual([]);
    expect(calls.filter((c) => c.targeted === 0 && c.result === 'answered' && c.duration >= 30 && c.companyId !== null)).toEqual([]);
    expect(calls.filter((c) => !/^\+7\d{10}$/.test(c.counterpart))).toEqual([]);
    expect(new Set(calls.map((c) => c.result))).toEqual(new Set(['answered', 'missed', 'busy', 'failed']));
    expect(calls.filter((c) => c.targeted === 1).length).toBeGreaterThan(calls.length / 4);
    expect(calls.filter((c) => c.companyId === null).length).toBeGreaterThan(0);
  });

  it("places calls within the manager's local working hours on working days", () => {
    const calls = db
      .prepare(`SELECT e.occurred_at AS at, u.time_zone AS tz FROM events e JOIN users u ON u.id = e.user_id
      WHERE e.kind = 'call'`)
      .all() as { at: number; tz: string }[];
    const formats = new Map<string, Intl.DateTimeFormat>();
    const outside = calls.filter(({ at, tz }) => {
      let format = formats.get(tz);
      if (!format)
        formats.set(tz, (format = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', weekday: 'short', hour: 'numeric' })));
      const parts = format.formatToParts(at);
      const hour = Number(parts.find((p) => p.type === 'hour')?.value);
      const weekday = parts.find((p) => p.type === 'weekday')?.value;
      return hour < 9 || hour >= 18 || weekday === 'Sat' || weekday === 'Sun';
    });
    expect(outside).toEqual([]);
    expect(Math.max(...calls.map((c) => c.at))).toBeLessThan(END.getTime());
  });

  it("puts every manager's company in one of that manager's regions", () => {
    const stray = db
      .prepare(`SELECT c.id, c.region_id, c.owner_id FROM companies c
      WHERE c.owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM user_regions ur WHERE ur.user_id = c.owner_id AND ur.region_id = c.region_id)`)
      .all();
    expect(stray).toEqual([]);
    const owners = db.prepare(`SELECT DISTINCT u.role FROM companies c JOIN users u ON u.id = c.owner_id`).all();
    expect(owners).toEqual([{ role: 'manager' }]);
    const pool = (db.prepare('SELECT count(*) AS n FROM companies WHERE owner_id IS NULL').get() as { n: number }).n;
    expect(pool / first.counts.companies!).toBeGreaterThan(0.1);
    expect(pool / first.counts.companies!).toBeLessThan(0.2);
  });

  it('chains 1C documents through their basis and logs each version as an onec event', () => {
    const docs = db
      .prepare(`SELECT d.id, d.ref_key AS ref, d.kind, d.basis_ref AS basisRef, d.lead_id AS leadId, d.date_local AS dateLocal,
      d.data_version AS version, d.posted, b.kind AS basisKind, b.lead_id AS basisLead,
      (SELECT count(*) FROM events e WHERE e.source = 'onec' AND e.external_id = d.ref_key || ':' || d.data_version AND e.kind = 'onec_document') AS events
      FROM onec_documents d LEFT JOIN onec_documents b ON b.ref_key = d.basis_ref`)
      .all() as {
      ref: string;
      kind: string;
      basisRef: string | null;
      leadId: number;
      dateLocal: string;
      version: string;
      posted: number;
      basisKind: string | null;
      basisLead: number | null;
      events: number;
    }[];
    const expectedBasis: Record<string, string[]> = {
      order: [],
      invoice: ['order'],
      payment_bank: ['invoice'],
      payment_cash: ['invoice'],
      shipment: ['payment_bank', 'payment_cash'],
    };
    for (const doc of docs) {
      expect(doc.ref).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(doc.dateLocal).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      expect({ ref: doc.ref, posted: doc.posted, events: doc.events }).toEqual({ ref: doc.ref, posted: 1, events: 1 });
      if (doc.kind === 'order') expect(doc.basisRef).toBeNull();
      else
        expect({ ref: doc.ref, basis: expectedBasis[doc.kind]?.includes(doc.basisKind ?? ''), lead: doc.basisLead }).toEqual({
          ref: doc.ref,
          basis: true,
          lead: doc.leadId,
        });
    }
    expect(new Set(docs.map((d) => d.kind))).toEqual(new Set(Object.keys(expectedBasis)));
    const onecEvents = (db.prepare("SELECT count(*) AS n FROM events WHERE kind = 'onec_document'").get() as { n: number }).n;
    expect(onecEvents).toBe(docs.length);
  });

  it('leaves some tasks overdue and most done, and plans for this and last month', () => {
    const tasks = db
      .prepare('SELECT count(*) AS all_, count(done_at) AS done, sum(done_at IS NULL AND due_at < ?) AS overdue FROM tasks')
      .get(END.getTime()) as { all_: number; done: number; overdue: number };
    expect(tasks.overdue).toBeGreaterThan(0);
    expect(tasks.done / tasks.all_).toBeGreaterThan(0.8);
    const plans = db
      .prepare(`SELECT month, count(*) AS n FROM plans WHERE month IN ('2026-02', '2026-03') GROUP BY month ORDER BY month`)
      .all();
    expect(plans).toEqual([
      { month: '2026-02', n: 20 },
      { month: '2026-03', n: 20 },
    ]);
  });
});
