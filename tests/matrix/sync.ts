import type { Row } from './foundation';

export const syncRows: Row[] = [
  { route: 'GET /api/sync', name: 'integration health: the admin', path: '/api/sync', allowed: ['admin'] },
  { route: 'GET /api/sync/rejected', name: 'rejected payloads: the admin', path: '/api/sync/rejected', allowed: ['admin'] },
  {
    route: 'POST /api/inbox/:id/replay',
    name: 'replay: the admin (a 409 for a row that is not replayable still means "let through")',
    method: 'POST',
    allowed: ['admin'],
    path: async ({ w }) => {
      const row = await w.db
        .prepare(
          "INSERT INTO inbox (source, received_at, method, path, headers, body, outcome, reason) VALUES ('onec', 0, 'POST', '/hooks/1c/documents', '{}', '{}', 'rejected', 'matrix') RETURNING id",
        )
        .first<{ id: number }>();
      return `/api/inbox/${row!.id}/replay`;
    },
  },
  { route: 'GET /app/sync', name: 'sync page: the admin', path: '/app/sync', allowed: ['admin'] },
];
