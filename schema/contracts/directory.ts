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
  })
  .meta({ id: 'User' });
export const UserList = z.object({ items: z.array(UserView) });
