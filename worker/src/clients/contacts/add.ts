import { eq } from 'drizzle-orm';
import { companies } from '../../../../schema/db';
import { idList, refreshCompanySearch } from '../../../../schema/db/search';
import type { ContactInput } from '../../../../schema/contracts';
import { canEditCompany, requireWriter } from '../../access';
import { forbidden } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { assertNoCollisions, writeUnlessDuplicate } from '../dedup/assert-no-collisions';
import { checkContacts, throwIfIssues } from '../dedup/normalize-input';
import { contactInserts } from '../dedup/write-contacts';
import { getCompany } from '../companies/get';
import { loadReadableCompany } from '../companies/load-live';

/** Adds a contact with phones and e-mails to a company; a phone or e-mail held elsewhere is refused. */
export async function addContact({ ctx, input }: { ctx: ServiceContext; input: { companyId: number; contact: ContactInput } }) {
  const p = requireWriter(ctx.principal);
  const company = await loadReadableCompany(ctx.db, p, input.companyId);
  if (!canEditCompany(p, company)) throw forbidden();
  const people = checkContacts([input.contact], ctx.lang, 'body');
  throwIfIssues(people.issues.map((i) => ({ ...i, field: i.field.replace(/^body\.0\./, 'body.') })));
  const [contact] = people.value;
  const keys = { phones: contact!.phones.map((x) => x.e164), emails: contact!.emails };
  await assertNoCollisions(ctx.db, p, keys);
  await writeUnlessDuplicate(ctx.db, p, keys, () =>
    ctx.db.batch([
      ctx.db.update(companies).set({ updatedAt: ctx.now }).where(eq(companies.id, company.id)),
      ...contactInserts(ctx.db, company.id, people.value, ctx.now),
      ...refreshCompanySearch(idList([company.id])).map((s) => ctx.db.run(s)),
      auditInsert(ctx, { action: 'change', entity: 'company', entityId: company.id, details: { op: 'add_contact', name: contact!.name } }),
    ]),
  );
  return getCompany({ ctx, input: { id: company.id }, audit: false });
}
