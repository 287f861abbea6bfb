import { sql, type SQL } from 'drizzle-orm';
import { contactPoints, contacts } from '../../../../schema/db';
import type { Db } from '../../platform/db';
import type { ContactFields } from './normalize-input';

/**
 * Inserts for contacts and their points, meant to run inside the batch that also inserts or
 * touches the company. `companyId` may be the SQL of an id inserted earlier in the same batch;
 * each point takes the id of the contact inserted just before it (a batch is one transaction).
 */
export function contactInserts(db: Db, companyId: number | SQL, list: ContactFields[], now: number) {
  const latestContact = sql`(SELECT max(id) FROM contacts)`;
  return list.flatMap((c) => [
    db.insert(contacts).values({ companyId: companyId as number, name: c.name, position: c.position, createdAt: now }),
    ...c.phones.map((p) =>
      db.insert(contactPoints).values({
        contactId: latestContact as unknown as number,
        companyId: companyId as number,
        kind: 'phone',
        value: p.e164,
        extension: p.extension,
      }),
    ),
    ...c.emails.map((e) =>
      db
        .insert(contactPoints)
        .values({ contactId: latestContact as unknown as number, companyId: companyId as number, kind: 'email', value: e }),
    ),
  ]);
}
