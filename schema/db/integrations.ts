import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

export const outboxKinds = ['onec_counterparty'] as const;
export const outboxStates = ['pending', 'sent'] as const;

/**
 * What Voronka must push to another system, delivered in id order by the cron with backoff until
 * accepted — never dropped. The payload is built at send time from the current data.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: outboxKinds }).notNull(),
    entityId: integer('entity_id').notNull(),
    state: text('state', { enum: outboxStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    /** What the other side answered with, e.g. the 1C Ref_Key. */
    externalRef: text('external_ref'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [uniqueIndex('outbox_kind_entity_uq').on(t.kind, t.entityId), index('outbox_state_next_idx').on(t.state, t.nextAttemptAt, t.id)],
);

/** Small durable facts of the integrations: pull watermarks, last run times. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Every DataVersion of a 1C object applied from a push, with the signed time of that push
 * (worker/src/onec/push.ts): a version seen before and since replaced, or one sent before the
 * stored one, is an older version and is refused, so a replayed push never rolls an object back.
 */
export const onecVersions = sqliteTable(
  'onec_versions',
  {
    refKey: text('ref_key').notNull(),
    dataVersion: text('data_version').notNull(),
    sentAt: integer('sent_at').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.refKey, t.dataVersion] }), index('onec_versions_sent_idx').on(t.refKey, t.sentAt)],
);
