import { z } from 'zod';

export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string(),
      fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const Ok = z.object({ ok: z.literal(true) });
