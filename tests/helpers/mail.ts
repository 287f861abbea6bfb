import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestWorker } from './worker';

/** The Voronka address mail is copied to in the tests (the envelope recipient). */
export const VORONKA_ADDRESS = 'crm@voronka-test.example';

/** A raw message of tests/fixtures/mail, as bytes. */
export const mailFixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'mail', name));

/**
 * As Email Routing does: the raw message as a stream through the worker's email() entry
 * (`bytes: true` passes it whole, as a test double may). A string gets CRLF line ends.
 */
export async function deliverMail(w: TestWorker, raw: Buffer | string, opts: { rawSize?: number; bytes?: boolean } = {}): Promise<void> {
  const bytes = new Uint8Array(typeof raw === 'string' ? Buffer.from(raw.replace(/\r?\n/g, '\r\n')) : raw);
  const worker = (await w.mf.getWorker()) as unknown as { email: (message: unknown) => Promise<void> };
  await worker.email({
    from: 'bounce@relay.example',
    to: VORONKA_ADDRESS,
    raw: opts.bytes ? bytes : new Blob([bytes]).stream(),
    rawSize: opts.rawSize ?? bytes.byteLength,
  });
}

export interface MailEventRow {
  id: number;
  company_id: number;
  contact_id: number | null;
  lead_id: number | null;
  user_id: number | null;
  direction: string;
  counterpart: string;
  subject: string | null;
  details: string;
}

/** The mail events of one Message-ID (one per company), by the prefix of their event key. */
export const mailEventsOf = async (w: TestWorker, messageId: string) =>
  (
    await w.db
      .prepare("SELECT * FROM events WHERE source = 'mail' AND kind = 'mail' AND substr(external_id, 1, ?) = ? ORDER BY id")
      .bind(messageId.length + 1, `${messageId}#`)
      .all<MailEventRow>()
  ).results;

/** The inbox rows of one Message-ID, oldest first. */
export const mailInboxOf = async (w: TestWorker, messageId: string) =>
  (
    await w.db
      .prepare("SELECT id, method, path, body, outcome, reason FROM inbox WHERE source = 'mail' AND external_id = ? ORDER BY id")
      .bind(messageId)
      .all<{ id: number; method: string; path: string; body: string; outcome: string; reason: string | null }>()
  ).results;
