import { z } from 'zod';

/**
 * 1C push (`POST /hooks/1c/documents`): the OData collection shape, each item naming its entity
 * (`entity` or `odata.type`), or the whole batch naming one through `odata.metadata`.
 * Items are read one by one so that a bad one is refused with its own reason.
 */
export const ONEC_PUSH_MAX_OBJECTS = 100;

export const OnecPushBatch = z
  .object({
    'odata.metadata': z
      .string()
      .optional()
      .describe('…/$metadata#Document_ЗаказКлиента — тип для элементов без entity/odata.type / the entity of items that do not name one'),
    value: z
      .array(z.unknown())
      .max(ONEC_PUSH_MAX_OBJECTS)
      .describe('Объекты 1С в JSON стандартного интерфейса OData / 1C objects as the OData standard interface writes them'),
  })
  .meta({ id: 'OnecPushBatch' });
export type OnecPushBatch = z.infer<typeof OnecPushBatch>;

/** One object in 1C's single-entity shape: its fields at the top level, `odata.metadata` ending in `/@Element`. */
export const OnecPushObject = z
  .looseObject({
    'odata.metadata': z
      .string()
      .regex(/#[^#/]+\/@Element$/)
      .describe(
        '…/$metadata#Document_ЗаказКлиента/@Element — один объект, как 1С отдаёт его по ключу / one object as 1C answers it by key',
      ),
  })
  .meta({ id: 'OnecPushObject' });

/** The push body: a `value` collection, or one object in the single-entity shape. */
export const OnecPushBody = z.union([OnecPushBatch, OnecPushObject]);
export type OnecPushBody = z.infer<typeof OnecPushBody>;

export const OnecObjectResult = z.object({
  refKey: z.string().nullable(),
  outcome: z.enum(['stored', 'duplicate', 'rejected']),
  reason: z.string().optional(),
});

/** One result per item of `value`, in the same order. */
export const OnecPushResult = z.object({ results: z.array(OnecObjectResult) }).meta({ id: 'OnecPushResult' });
export type OnecPushResult = z.infer<typeof OnecPushResult>;

const RunRecord = {
  lastRunAt: z.number().int().nullable(),
  lastSuccessAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.number().int().nullable(),
};

export const OnecPullEntityState = z.object({
  entity: z.string(),
  kind: z.enum(['counterparty', 'order', 'invoice', 'payment_bank', 'payment_cash', 'shipment']),
  /** Documents: the latest 1C Date applied (1C local time); catalogs have none. */
  watermark: z.string().nullable(),
  caughtUp: z.boolean(),
  /** Catalogs: objects read so far in the current pass; completed passes. */
  passPosition: z.number().int(),
  passes: z.number().int(),
  ...RunRecord,
});

/** For a sync-health page: is 1C reachable, how far the pull is, what waits to go to 1C. */
export const OnecIntegrationState = z
  .object({
    push: z.object({ configured: z.boolean() }),
    pull: z.object({ configured: z.boolean(), entities: z.array(OnecPullEntityState) }),
    outbox: z.object({
      pending: z.number().int(),
      sent: z.number().int(),
      /** The oldest undelivered company: when it was queued, how many tries, when the next one is due, why the last failed. */
      oldestPendingAt: z.number().int().nullable(),
      oldestPendingAgeSec: z.number().int().nullable(),
      headAttempts: z.number().int().nullable(),
      headNextAttemptAt: z.number().int().nullable(),
      /** lastError: the oldest pending company's, else the last failed run's. */
      ...RunRecord,
    }),
    cron: z.object(RunRecord),
  })
  .meta({ id: 'OnecIntegrationState' });
export type OnecIntegrationState = z.infer<typeof OnecIntegrationState>;
