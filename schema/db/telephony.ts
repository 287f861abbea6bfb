import { sqliteTable, integer, text, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { companies, contacts } from './clients';
import { leads } from './funnel';
import { regions, users } from './people';

/**
 * One physical call as the PBX signals pieces of it (ringing, answered, ended, summary, recording),
 * in any order: merged here by (provider, call id) until it is final and written to the timeline.
 */
export const calls = sqliteTable(
  'calls',
  {
    id: integer('id').primaryKey(),
    provider: text('provider').notNull(),
    callId: text('call_id').notNull(),
    direction: text('direction', { enum: ['in', 'out', 'internal'] }),
    /** The other side in E.164 (or as given when it is not a phone number). */
    counterpart: text('counterpart'),
    line: text('line'),
    extension: text('extension'),
    userId: integer('user_id').references(() => users.id),
    companyId: integer('company_id').references(() => companies.id),
    contactId: integer('contact_id').references(() => contacts.id),
    leadId: integer('lead_id').references(() => leads.id),
    startedAt: integer('started_at'),
    answeredAt: integer('answered_at'),
    endedAt: integer('ended_at'),
    talkSec: integer('talk_sec'),
    result: text('result', { enum: ['answered', 'missed', 'busy', 'failed'] }),
    recordingUrl: text('recording_url'),
    lastSeq: integer('last_seq'),
    /** When the manager on record (extension, user_id) answered: a later answer (a transfer) takes over. */
    managerAt: integer('manager_at'),
    /** Set once the call is on the timeline (events.id). */
    eventId: integer('event_id'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('calls_provider_call_uq').on(t.provider, t.callId), index('calls_counterpart_idx').on(t.counterpart, t.startedAt)],
);

/**
 * The events of a call's legs as the provider sent them (Mango: each `call_id` under one `entry_id`),
 * once each: a call made of legs is over when every leg seen has ended, the last one not by passing
 * the call on, and no event is missing between the first and the last `seq` (or when its summary comes).
 */
export const callLegEvents = sqliteTable(
  'call_leg_events',
  {
    provider: text('provider').notNull(),
    callId: text('call_id').notNull(),
    legId: text('leg_id').notNull(),
    phase: text('phase', { enum: ['ringing', 'answered', 'ended'] }).notNull(),
    /** The provider's order within the call; -1 when it gives none. */
    seq: integer('seq').notNull(),
    at: integer('at').notNull(),
    handedOn: integer('handed_on', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.provider, t.callId, t.legId, t.phase, t.seq] })],
);

/** The company's phone lines (DIDs): an unknown caller on a line goes to that region's pool. */
export const phoneLines = sqliteTable('phone_lines', {
  number: text('number').primaryKey(),
  regionId: integer('region_id')
    .notNull()
    .references(() => regions.id),
  label: text('label'),
});

/** Addresses and domains whose mail is never logged (own domain, banks, newsletters…). */
export const mailNeverLog = sqliteTable('mail_never_log', {
  pattern: text('pattern').primaryKey(),
  note: text('note'),
});
