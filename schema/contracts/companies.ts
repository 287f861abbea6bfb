import { z } from 'zod';

export const CompanyListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  regionId: z.coerce.number().int().positive().optional(),
  ownerId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Keyset cursor: the last id of the previous page. */
  after: z.coerce.number().int().min(0).default(0),
});

export const CompanySummary = z.object({
  id: z.number().int(),
  name: z.string(),
  inn: z.string().nullable(),
  kpp: z.string().nullable(),
  regionId: z.number().int(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(['prospect', 'client']),
}).meta({ id: 'CompanySummary' });
export type CompanySummary = z.infer<typeof CompanySummary>;

export const CompanyList = z.object({ items: z.array(CompanySummary), nextAfter: z.number().int().nullable() });

export const ContactPointView = z.object({
  kind: z.enum(['phone', 'email']),
  value: z.string(),
  extension: z.string().nullable(),
});

export const ContactView = z.object({
  id: z.number().int(),
  name: z.string(),
  position: z.string().nullable(),
  points: z.array(ContactPointView),
});

export const CompanyDetail = CompanySummary.extend({
  onecRef: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  contacts: z.array(ContactView),
}).meta({ id: 'CompanyDetail' });
export type CompanyDetail = z.infer<typeof CompanyDetail>;
