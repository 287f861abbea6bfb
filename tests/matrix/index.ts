import { adminRows } from './admin';
import { auditRows } from './audit';
import { clientRows } from './clients';
import { clientPagesRows } from './clients-pages';
import { foundationRows } from './foundation';
import { funnelRows } from './funnel';
import { lookupRows } from './lookup';
import { syncRows } from './sync';
import { importRows } from './imports';
import { liveRows } from './live';
import { mailRows } from './mail';
import { onecRows } from './onec';
import { payRows } from './pay';
import { reportRows } from './reports';
import { telephonyRows } from './telephony';
import type { Row } from './foundation';

export { ALL, SESSIONS, type Row, type RowContext } from './foundation';

/** Every file of rows, one per capability; a route without a row fails the matrix test. */
export const allRows: Row[] = [
  ...foundationRows,
  // Before the rows that make users with fixed ids: «add a user» takes the next rowid after the highest.
  ...adminRows,
  ...auditRows,
  ...importRows,
  ...clientRows,
  ...funnelRows,
  ...lookupRows,
  ...syncRows,
  ...clientPagesRows,
  ...onecRows,
  ...mailRows,
  ...liveRows,
  ...telephonyRows,
  ...payRows,
  ...reportRows,
];
