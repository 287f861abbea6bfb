import { z } from 'zod';

/** A query parameter an HTML GET form sends empty when nothing is chosen: empty = not given. */
export function formOptional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional()).optional();
}

export const CompanyListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  regionId: formOptional(z.coerce.number().int().positive()),
  ownerId: formOptional(z.coerce.number().int().min(0)).describe(
    'Ответственный; 0 — пул региона (без ответственного) / Owner id; 0 = the region pool (no owner)',
  ),
  status: formOptional(z.enum(['prospect', 'client'])),
  noContactDays: formOptional(z.coerce.number().int().min(1).max(3650)).describe(
    'Последнее касание (звонок, письмо, заметка, задача) старше N дней или не было / Last touch older than N days, or none',
  ),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Keyset cursor: the last id of the previous page. */
  after: z.coerce.number().int().min(0).default(0),
});
export type CompanyListQuery = z.output<typeof CompanyListQuery>;
/** The list's filters without paging: an export takes every page. */
export const CompanyExportQuery = CompanyListQuery.omit({ limit: true, after: true });
export type CompanyListFilters = z.output<typeof CompanyExportQuery>;

export const CompanySummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    inn: z.string().nullable(),
    kpp: z.string().nullable(),
    regionId: z.number().int(),
    ownerId: z.number().int().nullable(),
    ownerName: z.string().nullable(),
    status: z.enum(['prospect', 'client']),
  })
  .meta({ id: 'CompanySummary' });
export type CompanySummary = z.infer<typeof CompanySummary>;

export const CompanyListItem = CompanySummary.extend({
  /** Last call, mail, note or done task about the company (ms UTC); null = never. */
  lastTouchAt: z.number().int().nullable(),
}).meta({ id: 'CompanyListItem' });
export type CompanyListItem = z.infer<typeof CompanyListItem>;

export const CompanyList = z.object({ items: z.array(CompanyListItem), nextAfter: z.number().int().nullable() });

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

/** Contact as typed by a person: phones in any format, e-mails in any case. */
export const ContactInput = z.object({
  name: z.string().trim().min(1).max(200),
  position: z.string().trim().max(200).optional(),
  phones: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  emails: z.array(z.string().trim().min(1).max(254)).max(20).default([]),
});
export type ContactInput = z.infer<typeof ContactInput>;

/**
 * A contact corrected on the card: what is sent replaces what is stored, what is left out stays.
 * `phones`/`emails` are the full new lists (a phone in any Russian spelling); an empty string in
 * them is an input left blank and an empty `position` removes it — never a value stored empty.
 */
export const ContactUpdate = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    position: z.string().trim().max(200).optional(),
    phones: z.array(z.string().trim().max(60)).max(20).optional(),
    emails: z.array(z.string().trim().max(254)).max(20).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change' });
export type ContactUpdate = z.infer<typeof ContactUpdate>;

export const CompanyCreate = z.object({
  name: z.string().trim().min(1).max(300),
  inn: z.string().trim().optional(),
  kpp: z.string().trim().optional(),
  regionId: z.number().int().positive(),
  /** null = the region's pool; omitted = the caller (a manager) or the pool (head, admin). */
  ownerId: z.number().int().positive().nullable().optional(),
  status: z.enum(['prospect', 'client']).default('prospect'),
  contacts: z.array(ContactInput).max(50).default([]),
});
export type CompanyCreate = z.infer<typeof CompanyCreate>;

export const CompanyUpdate = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  inn: z.string().trim().nullable().optional(),
  kpp: z.string().trim().nullable().optional(),
  regionId: z.number().int().positive().optional(),
  status: z.enum(['prospect', 'client']).optional(),
});

/** Who already has this ИНН / phone / e-mail — only as much as the caller may know. */
export const Collision = z
  .object({
    by: z.enum(['inn', 'phone', 'email', 'name']),
    value: z.string(),
    exists: z.literal(true),
    ownerName: z.string().nullable(),
    regionName: z.string(),
    /** Present only when the caller may open the company. */
    companyId: z.number().int().optional(),
    companyName: z.string().optional(),
  })
  .meta({ id: 'Collision' });
export type Collision = z.infer<typeof Collision>;

export const CollisionQuery = z.object({
  inn: z.string().trim().optional(),
  kpp: z.string().trim().optional(),
  phone: z.string().trim().optional(),
  email: z.string().trim().optional(),
});
export const CollisionList = z.object({ matches: z.array(Collision) });

export const CompanySaved = z.object({
  company: CompanyDetail,
  /** Likely duplicates: the same normalised name in the same region. Never blocking. */
  candidates: z.array(Collision),
});

export const MergeRequest = z.object({ sourceId: z.number().int().positive() });
export const MergeResult = z.object({
  survivorId: z.number().int(),
  mergedId: z.number().int(),
  moved: z.record(z.string(), z.number().int()),
});

export const OwnerChange = z.object({ ownerId: z.number().int().positive().nullable() });
export const HandOverRequest = z.object({
  toUserIds: z.array(z.number().int().positive()).min(1).max(50),
});
export const HandOverResult = z.object({
  companies: z.number().int(),
  leads: z.number().int(),
  tasks: z.number().int(),
  byUser: z.record(z.string(), z.number().int()),
});

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const SearchHit = CompanySummary.extend({
  matchedBy: z.enum(['inn', 'phone', 'email', 'text']),
});
export const SearchResult = z.object({ items: z.array(SearchHit) });

export const CardLead = z.object({
  id: z.number().int(),
  stageId: z.string(),
  stageName: z.string(),
  amountKopecks: z.number().int(),
  channel: z.string(),
  /** What the client wants, as written when the lead was opened; null = named by its origin. */
  subject: z.string().nullable(),
  ownerId: z.number().int().nullable(),
  createdAt: z.number().int(),
  stageEnteredAt: z.number().int(),
  /** Earliest open task of the lead, else the stage's hint. */
  nextAction: z.object({ title: z.string(), dueAt: z.number().int().nullable(), fromTask: z.boolean() }).nullable(),
});

export const CardDocument = z.object({
  kind: z.enum(['order', 'invoice', 'payment', 'shipment']),
  number: z.string(),
  dateLocal: z.string(),
  amountKopecks: z.number().int(),
  occurredAt: z.number().int(),
});

export const Deviation = z.object({
  kind: z.enum(['stuck', 'overdue_task', 'no_touch', 'missed_call', 'dormant']),
  message: z.string(),
  leadId: z.number().int().optional(),
  taskId: z.number().int().optional(),
  since: z.number().int().nullable(),
});
export type Deviation = z.infer<typeof Deviation>;

export const TimelineEvent = z.object({
  id: z.number().int(),
  kind: z.string(),
  source: z.string(),
  occurredAt: z.number().int(),
  direction: z.string().nullable(),
  durationSec: z.number().int().nullable(),
  callResult: z.string().nullable(),
  targeted: z.boolean().nullable(),
  subject: z.string().nullable(),
  counterpart: z.string().nullable(),
  userName: z.string().nullable(),
  leadId: z.number().int().nullable(),
  /** What the event carries beyond its columns (events.details): a mail's snippet, attachments and thread; a call's recording. */
  snippet: z.string().nullable().optional(),
  attachments: z.array(z.object({ name: z.string(), size: z.number().int().optional() })).optional(),
  threadId: z.string().nullable().optional(),
  recordingUrl: z.string().nullable().optional(),
});

export const CompanyCard = CompanyDetail.extend({
  regionName: z.string(),
  openLeads: z.array(CardLead),
  lastDocuments: z.array(CardDocument),
  deviations: z.array(Deviation),
  timeline: z.array(TimelineEvent),
  lastTouchAt: z.number().int().nullable(),
}).meta({ id: 'CompanyCard' });
export type CompanyCard = z.infer<typeof CompanyCard>;
