import { SESSIONS, type Row } from './foundation';

/** Reports: every signed-in user, each scoped to what he may see; the raw recomputation is the admin's. */
export const reportRows: Row[] = [
  {
    route: 'GET /api/reports/:report',
    name: 'a report: sessions (scoped)',
    path: '/api/reports/calls?from=2026-11-01&to=2026-11-27',
    allowed: SESSIONS,
  },
  {
    route: 'GET /api/reports/:report',
    name: 'a report recomputed from raw rows: the admin',
    path: '/api/reports/invoices?source=raw',
    allowed: ['admin'],
  },
  {
    route: 'GET /api/reports/:report/drill',
    name: 'the rows behind a figure: sessions (scoped)',
    path: '/api/reports/leads/drill?measure=ch_call',
    allowed: SESSIONS,
  },
  {
    route: 'GET /api/reports/:report/export',
    name: 'report export: sessions (scoped, audited)',
    path: '/api/reports/clients/export?format=csv',
    allowed: SESSIONS,
  },
  { route: 'GET /app/reports', name: 'reports index page: sessions', path: '/app/reports', allowed: SESSIONS },
  { route: 'GET /app/reports/:report', name: 'a report page: sessions', path: '/app/reports/dormant', allowed: SESSIONS },
  {
    route: 'GET /app/reports/:report',
    name: 'a report page sent by the filter form with «все» and an empty client box: sessions',
    path: '/app/reports/calls?from=2026-11-01&to=2026-11-27&by=&managerId=&regionId=&companyId=',
    allowed: SESSIONS,
  },
  {
    route: 'GET /app/reports/:report/drill',
    name: 'a drill-down page: sessions',
    path: '/app/reports/stages/drill?measure=new',
    allowed: SESSIONS,
  },
];
