import { world } from '../helpers/world';
import { SESSIONS, type Row, type RowContext } from './foundation';

const chunk = JSON.stringify({ rows: [{ rowNo: 2, name: 'ООО «Матрица»' }] });

/** A fresh import of manager A's (optionally with its one row already committed), as the path of a row. */
function importOfA(suffix: string, opts: { committed?: boolean } = {}) {
  return async ({ w, creds }: RowContext): Promise<string> => {
    const headers = { cookie: creds.cookies.managerA, 'content-type': 'application/json' };
    const res = await w.fetch('/api/imports', {
      method: 'POST',
      headers,
      body: JSON.stringify({ fileName: 'matrix.csv', regionId: world.regions.msk, mapping: { Наименование: 'name' }, totalRows: 1 }),
    });
    if (res.status !== 201) throw new Error(`import create answered ${res.status}: ${await res.text()}`);
    const { id } = (await res.json()) as { id: number };
    if (opts.committed) await w.fetch(`/api/imports/${id}/commit`, { method: 'POST', headers, body: chunk });
    return `/api/imports/${id}${suffix}`;
  };
}

// Region 1 is worked by managers A and B and headed by head A: they and the admin may import into it.
const openBody = JSON.stringify({ fileName: 'matrix.csv', regionId: world.regions.msk, mapping: { Наименование: 'name' }, totalRows: 1 });

export const importRows: Row[] = [
  {
    route: 'POST /api/imports',
    name: 'import into region 1: its managers, its head, the admin; sessions only',
    path: '/api/imports',
    method: 'POST',
    body: openBody,
    allowed: ['managerA', 'managerB', 'headA', 'admin'],
  },
  {
    route: 'POST /api/imports/:id/preview',
    name: "A's import: only A previews it",
    path: importOfA('/preview'),
    method: 'POST',
    body: chunk,
    allowed: ['managerA'],
  },
  {
    route: 'POST /api/imports/:id/commit',
    name: "A's import: only A commits into it",
    path: importOfA('/commit'),
    method: 'POST',
    body: chunk,
    allowed: ['managerA'],
  },
  { route: 'GET /api/imports/:id', name: "A's import: only A reads it", path: importOfA(''), allowed: ['managerA'] },
  {
    route: 'POST /api/imports/:id/finish',
    name: "A's import: only A finishes it",
    path: importOfA('/finish', { committed: true }),
    method: 'POST',
    allowed: ['managerA'],
  },
  {
    route: 'GET /api/imports/:id/result.csv',
    name: "A's import: only A downloads its result",
    path: importOfA('/result.csv', { committed: true }),
    allowed: ['managerA'],
  },
  { route: 'GET /app/import', name: 'import page needs a session', path: '/app/import', allowed: SESSIONS },
];
