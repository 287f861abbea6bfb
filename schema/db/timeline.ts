import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { companies, contacts } from './clients';
import { leads } from './funnel';
import { regions, users } from './people';

export const eventKinds = ['call', 'mail', 'note', 'task_done', 'onec_document', 'stage_change'] as const;
export const eventSources = ['mango', 'zadarma', 'generic', 'sandbox', 'onec', 'mail', 'extension', 'manual', 'import', 'seed'] as const;
export const callResults = ['answered', 'missed', 'busy', 'failed'] as const;

/**
 * The append-only timeline every channel writes into. (source, externalId) is unique, which
 * makes every ingestion idempotent. Columns that reports filter on are real columns; the rest
 * of a provider's payload stays in `details`.
 */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: eventKinds }).notNull(),
    source: text('source', { enum: eventSources }).notNull(),
    externalId: text('external_id').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    companyId: integer('company_id').references(() => companies.id),
    contactId: integer('contact_id').references(() => contacts.id),
    leadId: integer('lead_id').references(() => leads.id),
    userId: integer('user_id').references(() => users.id),
    regionId: integer('region_id').references(() => regions.id),
    direction: text('direction', { enum: ['in', 'out', 'internal'] }),
    /** Calls: talk seconds. */
    durationSec: integer('duration_sec'),
    callResult: text('call_result', { enum: callResults }),
    /** Calls: talk ≥ threshold with a known client or lead. */
    targeted: integer('targeted', { mode: 'boolean' }),
    /** Phone or address on the other side (E.164 / lower-cased e-mail). */
    counterpart: text('counterpart'),
    subject: text('subject'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('events_source_external_uq').on(t.source, t.externalId),
    index('events_company_time_idx').on(t.companyId, t.occurredAt),
    index('events_user_kind_time_idx').on(t.userId, t.kind, t.occurredAt),
    index('events_lead_time_idx').on(t.leadId, t.occurredAt),
    index('events_kind_time_idx').on(t.kind, t.occurredAt),
    index('events_counterpart_idx').on(t.counterpart),
  ],
);

export const onecDocumentKinds = ['order', 'invoice', 'payment_bank', 'payment_cash', 'shipment'] as const;

/** The latest known version of each 1C document (by Ref_Key); each version also lands as an event. */
export const onecDocuments = sqliteTable(
  'onec_documents',
  {
    id: integer('id').primaryKey(),
    refKey: text('ref_key').notNull(),
    kind: text('kind', { enum: onecDocumentKinds }).notNull(),
    number: text('number').notNull(),
    /** 1C local time as 1C sends it, no zone. */
    dateLocal: text('date_local').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    posted: integer('posted', { mode: 'boolean' }).notNull(),
    deletionMark: integer('deletion_mark', { mode: 'boolean' }).notNull().default(false),
    dataVersion: text('data_version').notNull(),
    counterpartyRef: text('counterparty_ref'),
    companyId: integer('company_id').references(() => companies.id),
    leadId: integer('lead_id').references(() => leads.id),
    /**
     * The manager responsible when 1C first sent the document (the lead's owner, else the company's):
     * plans and pay count it for him even if the client is handed over later.
     */
    userId: integer('user_id').references(() => users.id),
    amountKopecks: integer('amount_kopecks').notNull(),
    currency: text('currency').notNull().default('RUB'),
    basisRef: text('basis_ref'),
    basisType: text('basis_type'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('onec_documents_ref_uq').on(t.refKey),
    index('onec_documents_company_kind_idx').on(t.companyId, t.kind, t.occurredAt),
    index('onec_documents_lead_idx').on(t.leadId),
    index('onec_documents_kind_time_idx').on(t.kind, t.occurredAt),
    index('onec_documents_basis_idx').on(t.basisRef),
    index('onec_documents_user_kind_idx').on(t.userId, t.kind, t.dateLocal),
  ],
);
