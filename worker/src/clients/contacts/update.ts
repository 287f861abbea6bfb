import { sql } from 'drizzle-orm';
import { contactPoints } from '../../../../schema/db';
import { idList, refreshCompanySearch } from '../../../../schema/db/search';
import type { ContactUpdate } from '../../../../schema/contracts';
import { canEditCompany, requireWriter } from '../../access';
import { forbidden, notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { assertNoCollisions, writeUnlessDuplicate } from '../dedup/assert-no-collisions';
import { checkContacts, throwIfIssues } from '../dedup/normalize-input';
import { getCompany } from '../companies/get';
import { loadReadableCompany } from '../companies/load-live';

interface StoredContact {
  id: number;
  company_id: number;
  name: string;
  position: string | null;
}
interface StoredPoint {
  kind: 'phone' | 'email';
  value: string;
  extension: string | null;
}

/** The non-blank entries of a list with their positions in it, so a bad one is named where the form shows it. */
function filledEntries(list: string[] | undefined): { values: string[]; at: number[] } | undefined {
  if (!list) return undefined;
  const at = list.flatMap((v, i) => (v.trim() ? [i] : []));
  return { values: at.map((i) => list[i]!), at };
}

/**
 * Corrects a contact of a company the caller may edit (as adding one): its name, position, and
 * its phones and e-mails as full new lists, normalised like every contact point. A number or
 * address held by another contact is refused (409 naming the holder), the search rows of the
 * company follow in the same batch, and the change is audited.
 */
export async function updateContact({ ctx, input }: { ctx: ServiceContext; input: { id: number; changes: ContactUpdate } }) {
  const p = requireWriter(ctx.principal);
  const contact = await ctx.db.get<StoredContact | undefined>(
    sql`SELECT id, company_id, name, position FROM contacts WHERE id = ${input.id} AND merged_into_id IS NULL`,
  );
  if (!contact) throw notFound();
  const company = await loadReadableCompany(ctx.db, p, contact.company_id);
  if (!canEditCompany(p, company)) throw forbidden();
  const stored = await ctx.db.all<StoredPoint>(
    sql`SELECT kind, value, extension FROM contact_points WHERE contact_id = ${contact.id} ORDER BY id`,
  );
  const { changes } = input;
  const phones = filledEntries(changes.phones);
  const emails = filledEntries(changes.emails);
  const checked = checkContacts(
    [
      {
        name: changes.name ?? contact.name,
        position: changes.position ?? contact.position ?? undefined,
        phones: phones?.values ?? [],
        emails: emails?.values ?? [],
      },
    ],
    ctx.lang,
    'body',
  );
  throwIfIssues(
    checked.issues.map((i) => ({
      ...i,
      field: i.field
        .replace(/^body\.0\.phones\.(\d+)$/, (_, j) => `body.phones.${phones!.at[Number(j)]}`)
        .replace(/^body\.0\.emails\.(\d+)$/, (_, j) => `body.emails.${emails!.at[Number(j)]}`),
    })),
  );
  const next = checked.value[0]!;
  // A list left out keeps what is stored.
  const newPhones = phones ? next.phones : stored.filter((s) => s.kind === 'phone').map((s) => ({ e164: s.value, extension: s.extension }));
  const newEmails = emails ? next.emails : stored.filter((s) => s.kind === 'email').map((s) => s.value);
  const keys = { phones: newPhones.map((x) => x.e164), emails: newEmails, exceptContactId: contact.id };
  await assertNoCollisions(ctx.db, p, keys);
  const changed = [
    ...(next.name !== contact.name ? ['name'] : []),
    ...(next.position !== contact.position ? ['position'] : []),
    ...(phones ? ['phones'] : []),
    ...(emails ? ['emails'] : []),
  ];
  await writeUnlessDuplicate(ctx.db, p, keys, () =>
    ctx.db.batch([
      ctx.db.run(sql`UPDATE contacts SET name = ${next.name}, position = ${next.position} WHERE id = ${contact.id}`),
      ctx.db.run(sql`UPDATE companies SET updated_at = ${ctx.now} WHERE id = ${company.id}`),
      // The points are the lists sent: the old ones go, the new ones come, in the one transaction.
      ctx.db.run(sql`DELETE FROM contact_points WHERE contact_id = ${contact.id}`),
      ...newPhones.map((x) =>
        ctx.db
          .insert(contactPoints)
          .values({ contactId: contact.id, companyId: company.id, kind: 'phone', value: x.e164, extension: x.extension }),
      ),
      ...newEmails.map((e) =>
        ctx.db.insert(contactPoints).values({ contactId: contact.id, companyId: company.id, kind: 'email', value: e }),
      ),
      ...refreshCompanySearch(idList([company.id])).map((s) => ctx.db.run(s)),
      auditInsert(ctx, {
        action: 'change',
        entity: 'company',
        entityId: company.id,
        details: { op: 'edit_contact', contactId: contact.id, name: next.name, changed },
      }),
    ]),
  );
  return getCompany({ ctx, input: { id: company.id }, audit: false });
}
