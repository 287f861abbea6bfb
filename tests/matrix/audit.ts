import type { Row } from './foundation';

/** The audit trail is the admin's: its API, its CSV and its page. */
export const auditRows: Row[] = [
  { route: 'GET /api/audit', name: 'audit trail: the admin', path: '/api/audit', allowed: ['admin'] },
  { route: 'GET /api/audit/export.csv', name: 'audit trail CSV: the admin', path: '/api/audit/export.csv', allowed: ['admin'] },
  { route: 'GET /app/audit', name: 'audit trail page: the admin', path: '/app/audit', allowed: ['admin'] },
];
