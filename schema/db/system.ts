import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { users } from './people';

export const inboxOutcomes = ['stored', 'duplicate', 'rejected'] as const;

/** Every raw payload received from outside, with what became of it. Rejected rows can be replayed. */
export const inbox = sqliteTable(
  'inbox',
  {
    id: integer('id').primaryKey(),
    source: text('source').notNull(),
    externalId: text('external_id'),
    receivedAt: integer('received_at').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    body: text('body').notNull(),
    outcome: text('outcome', { enum: inboxOutcomes }).notNull(),
    reason: text('reason'),
    replayedAt: integer('replayed_at'),
    /** Size of what was received (bytes), NULL for rows older than migration 0015. */
    bodyBytes: integer('body_bytes'),
    /** SHA-256 (hex) of the raw bytes received. */
    bodySha256: text('body_sha256'),
    /** `body` holds only the first 4 KB: refused before authentication, or over the size limit. */
    bodyTruncated: integer('body_truncated', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('inbox_source_time_idx').on(t.source, t.receivedAt),
    index('inbox_outcome_idx').on(t.outcome, t.receivedAt),
    index('inbox_time_idx').on(t.receivedAt),
  ],
);

export const inboxRefusalKinds = ['unauthorized', 'rate_limited', 'too_large'] as const;

/** Refused hook requests counted per source, UTC day (YYYY-MM-DD) and kind; bytes as received. */
export const inboxRefusals = sqliteTable(
  'inbox_refusals',
  {
    source: text('source').notNull(),
    day: text('day').notNull(),
    kind: text('kind', { enum: inboxRefusalKinds }).notNull(),
    count: integer('count').notNull().default(0),
    bytes: integer('bytes').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.source, t.day, t.kind] })],
);

/** Request ids of accepted signed pushes (X-Request-Id / webhook-id): a reused id is a replay. */
export const hookRequestIds = sqliteTable(
  'hook_request_ids',
  {
    source: text('source').notNull(),
    requestId: text('request_id').notNull(),
    signedAt: integer('signed_at').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.requestId] })],
);

/** Who viewed, exported, changed or merged client data (152-ФЗ). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    at: integer('at').notNull(),
    userId: integer('user_id').references(() => users.id),
    principal: text('principal').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
    requestId: text('request_id'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_user_time_idx').on(t.userId, t.at)],
);

/** Browser sessions; the cookie holds a random secret, the table its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    revokedAt: integer('revoked_at'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

export const tokenKinds = ['api', 'embed'] as const;
export type TokenKind = (typeof tokenKinds)[number];

/**
 * Personal API tokens (extension) and read-only embed tokens (widgets). Only a hash is stored;
 * embed tokens are additionally HMAC-signed so a forged one is refused before any lookup.
 */
export const tokens = sqliteTable(
  'tokens',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: tokenKinds }).notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('tokens_hash_uq').on(t.tokenHash), index('tokens_user_idx').on(t.userId, t.kind)],
);

/**
 * `Idempotency-Key` of the extension's writes (worker/src/platform/idempotency.ts): the first answer
 * per (user, key) is kept and replayed for a repeat; `status` NULL while the first is in flight.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    status: integer('status'),
    responseBody: text('response_body'),
    completedAt: integer('completed_at'),
  },
  (t) => [uniqueIndex('idempotency_user_key_uq').on(t.userId, t.key), index('idempotency_created_idx').on(t.createdAt)],
);
