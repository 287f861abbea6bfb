import { onecPushHeaders } from '../helpers/onec-push';
import { TEST_SECRETS } from '../helpers/worker';
import type { Row } from './foundation';

/** 1C signs its pushes with ONEC_WEBHOOK_SECRET (X-Request-Id, X-Timestamp, X-Signature); the telephony machine is someone else. */
const onecMachine = async (body: string) => onecPushHeaders(body, { secret: TEST_SECRETS.ONEC_WEBHOOK_SECRET });

export const onecRows: Row[] = [
  {
    route: 'POST /hooks/1c/documents',
    name: '1C push: only 1C, signed with its own secret',
    path: '/hooks/1c/documents',
    method: 'POST',
    body: '{"value":[]}',
    machine: onecMachine,
    allowed: ['machine'],
  },
  // Sync health is for the people who act on it: heads of sales and the admin; managers do not see it.
  {
    route: 'GET /api/integrations/onec',
    name: '1C sync state: heads and the admin, sessions only',
    path: '/api/integrations/onec',
    allowed: ['headA', 'headOther', 'admin'],
  },
];
