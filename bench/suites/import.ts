import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportRow, ImportView } from '../../schema/contracts';
import { completeInn } from '../../schema/domain/inn';
import { round, type Metric } from '../lib/measure';
import { LocalServer, ROOT } from '../lib/server';
import type { BenchContext } from '../run';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS || 100_000);
const CHUNK = 1000;
const PORT = Number(process.env.BENCH_IMPORT_PORT || 8789);
const ADMIN = { email: 'admin@demo.voronka.ru', password: 'demo2026' };

const FORMS = ['ООО', 'ООО', 'АО', 'ООО ТД', 'ИП'];
const WORDS = ['Стальной', 'Уральский', 'Сибирский', 'Северный', 'Волжский', 'Кровельный', 'Металлический', 'Профильный'];
const NOUNS = ['Профиль', 'Металл', 'Кровля', 'Снаб', 'Комплект', 'Сервис', 'Ресурс', 'Монтаж'];
const PEOPLE = ['Иван Петров', 'Ольга Смирнова', 'Сергей Кузнецов', 'Анна Белова', 'Дмитрий Орлов', 'Елена Волкова'];

/**
 * A manager's spreadsheet of `ROWS` rows: new companies with valid ИНН, a phone, an e-mail and a
 * contact; every 5th with a comment; every 100th repeating the ИНН of the row before (merged into
 * it); and one row per existing company given (merged or another manager's client).
 */
function spreadsheet(existingInns: string[]): ImportRow[] {
  const rows: ImportRow[] = [];
  for (let i = 0; i < ROWS; i++) {
    const rowNo = i + 2;
    const seq = String(i).padStart(7, '0');
    const name = `${FORMS[i % FORMS.length]} «${WORDS[i % WORDS.length]} ${NOUNS[Math.floor(i / WORDS.length) % NOUNS.length]} ${i}»`;
    let inn = completeInn(String(987_000_000 + i));
    if (i % 100 === 99) inn = rows[i - 1]!.inn!;
    if (i % 500 === 250 && existingInns.length) inn = existingInns[((i / 500) % existingInns.length) | 0]!;
    rows.push({
      rowNo,
      name,
      inn,
      phone: `+7 (958) ${seq.slice(0, 3)}-${seq.slice(3, 5)}-${seq.slice(5)}`,
      email: `zakupki${i}@bench-import.ru`,
      contact: PEOPLE[i % PEOPLE.length],
      position: 'Снабженец',
      region: 'Москва',
      ...(i % 5 === 0 ? { comment: `Просил КП на профнастил, строка ${rowNo}` } : {}),
    });
  }
  return rows;
}

let retries = 0;

/** One API call; a 503 from wrangler dev reloading the worker is retried, as the import page does (chunks are idempotent). */
async function send<T>(server: LocalServer, cookie: string, path: string, body?: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${server.base}${path}`, {
      method: body === undefined && !path.endsWith('/finish') ? 'GET' : 'POST',
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.ok) return res.json() as Promise<T>;
    const text = await res.text();
    if (res.status !== 503 || attempt >= 3) throw new Error(`${path}: ${res.status} ${text}`);
    retries++;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * `import.rows_100k_s`: 100,000 rows through HTTP in chunks of 1000, one after another, as the
 * import page sends them. Runs on a copy of the year database with its own wrangler dev, so the
 * other suites never see the imported companies.
 */
export async function run({ yearDir, now }: BenchContext): Promise<Metric[]> {
  const copy = join(ROOT, '.wrangler', 'year-import');
  rmSync(copy, { recursive: true, force: true });
  cpSync(yearDir, copy, { recursive: true });
  const server = new LocalServer(copy, PORT, now);
  try {
    await server.start();
    const cookie = await server.signIn(ADMIN.email, ADMIN.password);
    const { items: regions } = await send<{ items: { id: number }[] }>(server, cookie, '/api/regions');
    const regionId = regions[0]!.id;
    const { items: users } = await send<{ items: { id: number; role: string; regionIds: number[] }[] }>(server, cookie, '/api/users');
    const ownerId = users.find((u) => u.role === 'manager' && u.regionIds.includes(regionId))?.id ?? null;
    const { items: known } = await send<{ items: { inn: string | null }[] }>(
      server,
      cookie,
      `/api/companies?limit=100&regionId=${regionId}`,
    );
    const rows = spreadsheet(known.flatMap((c) => (c.inn ? [c.inn] : [])));

    const started = performance.now();
    const { id } = await send<{ id: number }>(server, cookie, '/api/imports', {
      fileName: 'bench-100k.xlsx',
      regionId,
      ownerId,
      mapping: { Наименование: 'name', ИНН: 'inn' },
      totalRows: rows.length,
    });
    for (let from = 0; from < rows.length; from += CHUNK) {
      await send(server, cookie, `/api/imports/${id}/commit`, { rows: rows.slice(from, from + CHUNK) });
      if (process.env.BENCH_VERBOSE && (from / CHUNK) % 10 === 9)
        console.log(`  ${from + CHUNK} rows, ${round((performance.now() - started) / 1000, 1)} s`);
    }
    const view = await send<ImportView>(server, cookie, `/api/imports/${id}/finish`);
    const seconds = (performance.now() - started) / 1000;

    if (view.committedRows !== rows.length) throw new Error(`only ${view.committedRows} of ${rows.length} rows have an outcome`);
    console.log(
      `  import ${id}: ${JSON.stringify(view.counts)} in ${round(seconds, 1)} s${retries ? `, ${retries} chunk(s) retried after a worker reload` : ''}`,
    );
    return [
      { metric: 'import.rows_100k_s', value: round(seconds * (100_000 / rows.length), 1), unit: 's', target: '<= 60' },
      { metric: 'import.rows_per_s', value: Math.round(rows.length / seconds), unit: 'rows/s' },
    ];
  } finally {
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    rmSync(copy, { recursive: true, force: true });
  }
}
