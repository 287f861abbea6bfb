import { z } from 'zod';

export * from './live-protocol';

/** GET /api/live?status=1: how many live sockets the caller has open right now. */
export const LiveStatus = z.object({ sockets: z.number().int().min(0) }).meta({ id: 'LiveStatus' });

/** POST /api/live/test: the test message sent at `at` and on how many open sockets it landed. */
export const LiveTestResult = z.object({ at: z.number().int(), delivered: z.number().int().min(0) }).meta({ id: 'LiveTestResult' });
