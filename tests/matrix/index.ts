import { clientRows } from './clients';
import { clientPagesRows } from './clients-pages';
import { foundationRows } from './foundation';
import { funnelRows } from './funnel';
import { lookupRows } from './lookup';
import { importRows } from './imports';
import { onecRows } from './onec';
import type { Row } from './foundation';

export { ALL, SESSIONS, type Row, type RowContext } from './foundation';

/** Every file of rows, one per capability; a route without a row fails the matrix test. */
export const allRows: Row[] = [
  ...foundationRows,
  ...importRows,
  ...clientRows,
  ...funnelRows,
  ...lookupRows,
  ...clientPagesRows,
  ...onecRows,
];
