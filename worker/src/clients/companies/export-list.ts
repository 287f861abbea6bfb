import { CSV_BOM, csvCell, csvDigits } from '../../platform/csv';
import type { CompanyListFilters, CompanyListItem } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { COMPANY_STATUS_RU, formatDate } from '../../platform/ru-format';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { listRegions } from '../regions/list';
import { getUserTimeZone } from '../../admin';
import { listCompanies } from './list';

export const EXPORT_ROW_CAP = 50_000;
/** Rows per read: few enough queries for a 50k export to stay well inside D1's per-request limit. */
const CHUNK = 5_000;

const HEADER = ['ID', 'Название', 'ИНН', 'КПП', 'Регион', 'Ответственный', 'Статус', 'Последний контакт'];

/**
 * Every company of the list with the same filters and scope, as CSV for Excel (UTF-8 BOM, ";",
 * CRLF), up to EXPORT_ROW_CAP rows with a closing line saying so when capped. The export is
 * audit-logged with its filters and row count.
 */
export async function exportCompanyList({ ctx, input }: { ctx: ServiceContext; input: CompanyListFilters }) {
  requireUser(ctx.principal);
  const [{ items: regions }, timeZone] = await Promise.all([listRegions({ ctx }), getUserTimeZone({ ctx })]);
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  const companies: CompanyListItem[] = [];
  let after = 0;
  let capped = false;
  for (;;) {
    const page = await listCompanies({ ctx, input: { ...input, limit: Math.min(CHUNK, EXPORT_ROW_CAP - companies.length), after } });
    companies.push(...page.items);
    if (page.nextAfter === null) break;
    if (companies.length >= EXPORT_ROW_CAP) {
      capped = true;
      break;
    }
    after = page.nextAfter;
  }
  const lines = [
    HEADER.join(';'),
    ...companies.map((c) =>
      [
        String(c.id),
        csvCell(c.name),
        csvDigits(c.inn),
        csvDigits(c.kpp),
        csvCell(regionName.get(c.regionId) ?? ''),
        csvCell(c.ownerName ?? 'пул региона'),
        COMPANY_STATUS_RU[c.status],
        c.lastTouchAt === null ? 'нет' : formatDate(c.lastTouchAt, timeZone),
      ].join(';'),
    ),
  ];
  if (capped) lines.push(csvCell(`Выгружены первые ${EXPORT_ROW_CAP.toLocaleString('ru-RU')} строк, есть ещё — уточните фильтры`));
  await auditInsert(ctx, { action: 'export', entity: 'company_list', details: { filters: input, rows: companies.length, capped } }).run();
  const day = new Date(ctx.now).toISOString().slice(0, 10);
  return { filename: `clients-${day}.csv`, csv: `${CSV_BOM}${lines.join('\r\n')}\r\n`, rows: companies.length, capped };
}
