import type { Row } from './foundation';
import { SESSIONS } from './foundation';

/**
 * The live channel. A matrix request is a plain GET, which the route answers with 426 after
 * authentication; `?status=1` runs the same authentication and answers 200 { sockets }, so the
 * row checks who gets through. The WebSocket handshake itself (101 for the same callers, the token
 * as a subprotocol, a foreign Origin refused) is covered in tests/integration/live-push.test.ts.
 */
export const liveRows: Row[] = [
  {
    route: 'GET /api/live',
    name: 'live channel: signed-in users and the extension, each his own',
    path: '/api/live?status=1',
    allowed: [...SESSIONS, 'extension'],
  },
  {
    route: 'POST /api/live/test',
    name: 'test push to one’s own channel: sessions only',
    path: '/api/live/test',
    method: 'POST',
    allowed: SESSIONS,
  },
];
