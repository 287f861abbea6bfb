import { z } from 'zod';
import { Role } from './auth';

export const RegionView = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    timeZone: z.string(),
  })
  .meta({ id: 'Region' });
export const RegionList = z.object({ items: z.array(RegionView) });

export const UserView = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string(),
    role: Role,
    phoneExtension: z.string().nullable(),
    timeZone: z.string(),
    regionIds: z.array(z.number().int()),
    /** False once the admin deactivated the user: no sign-in, no session or token works, no calls or clients come to him. */
    active: z.boolean(),
  })
  .meta({ id: 'User' });
export const UserList = z.object({ items: z.array(UserView) });

export const UserDeactivateResult = z.object({
  userId: z.number().int(),
  active: z.boolean(),
  sessionsEnded: z.number().int(),
  tokensRevoked: z.number().int(),
  /** Clients he still owns: hand them over (POST /api/users/:id/hand-over) — they are not moved by deactivation. */
  clientsStillOwned: z.number().int(),
});
