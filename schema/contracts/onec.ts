import { z } from 'zod';

/**
 * 1C objects after the adapter has read them from OData JSON (push or pull): the funnel engine
 * and the 1C adapter meet here. Money is kopecks, 1C's zone-less local time stays text.
 */
export const OnecCounterparty = z.object({
  refKey: z.string().min(1),
  name: z.string().min(1),
  fullName: z.string().nullable().default(null),
  inn: z.string().nullable().default(null),
  kpp: z.string().nullable().default(null),
  dataVersion: z.string().min(1),
  deletionMark: z.boolean().default(false),
});
export type OnecCounterparty = z.infer<typeof OnecCounterparty>;

export const OnecDocumentKind = z.enum(['order', 'invoice', 'payment_bank', 'payment_cash', 'shipment']);
export type OnecDocumentKind = z.infer<typeof OnecDocumentKind>;

export const OnecDocument = z.object({
  refKey: z.string().min(1),
  kind: OnecDocumentKind,
  number: z.string(),
  /** "2026-11-20T10:15:00", 1C local time. */
  dateLocal: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
  posted: z.boolean(),
  deletionMark: z.boolean(),
  dataVersion: z.string().min(1),
  counterpartyRef: z.string().nullable(),
  amountKopecks: z.number().int(),
  currency: z.string().default('RUB'),
  /** ДокументОснование: the order an invoice is based on, the invoice a shipment is based on… */
  basisRef: z.string().nullable().default(null),
  basisType: z.string().nullable().default(null),
  /** Payments: РасшифровкаПлатежа rows that point at an order or invoice. */
  paymentLines: z.array(z.object({ basisRef: z.string().nullable(), amountKopecks: z.number().int() })).default([]),
});
export type OnecDocument = z.infer<typeof OnecDocument>;

export type OnecObject = { type: 'counterparty'; value: OnecCounterparty } | { type: 'document'; value: OnecDocument };

/** What became of one object: stored (changed something), duplicate (same DataVersion), rejected. */
export interface OnecOutcome {
  refKey: string;
  dataVersion: string;
  outcome: 'stored' | 'duplicate' | 'rejected';
  reason?: string;
  companyId?: number;
  leadId?: number;
}
