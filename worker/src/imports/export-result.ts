import { CSV_BOM, csvCell, csvDigits, csvLine } from '../platform/csv';
import { sql } from 'drizzle-orm';
import type { ImportRowResult } from '../../../schema/contracts';
import { importFields } from '../../../schema/domain/import-fields';
import { type MessageKey, msg } from '../platform/i18n';
import { canReadCompany, requireUser } from '../access';
import type { ServiceContext } from '../platform/route';
import { auditInsert } from '../audit';
import { reasonIn } from './stored-reason';
import { findOwnImport } from './find-own';

const PAGE_ROWS = 2000;

type ResultRow = {
  row_no: number;
  outcome: ImportRowResult['outcome'];
  reason: string | null;
  company_id: number | null;
  company_name: string | null;
  region_id: number | null;
  owner_id: number | null;
  data: string;
};

const TEXT_DIGITS: ReadonlySet<string> = new Set(['inn', 'kpp', 'phone']);

/**
 * The result file of an import for Excel: UTF-8 with BOM, ";" and CRLF; one line per stored row
 * with its outcome in the reader's language, the reason (as the check wrote it), the client (when the importer may open it) and the cells
 * as read. Streamed page by page so 100,000 rows never sit in memory; the export is audit-logged.
 */
export async function exportImportResult({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number };
}): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  requireUser(ctx.principal);
  const lang = ctx.lang; // the user's setting: the route is a download (platform/route.ts)
  const m = (key: MessageKey) => msg(key, lang);
  const record = await findOwnImport(ctx, input.id);
  await auditInsert(ctx, { action: 'export', entity: 'import', entityId: record.id, details: { fileName: record.fileName } }).run();
  const encoder = new TextEncoder();
  let after = 0;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(
          encoder.encode(
            `${CSV_BOM}${csvLine(
              [
                ...(['row', 'outcome', 'reason', 'clientId', 'client'] as const).map((k) => m(`import.csv.${k}`)),
                ...importFields.map((f) => m(`import.field.${f}`)),
              ].map(csvCell),
            )}`,
          ),
        );
        return;
      }
      const page =
        await ctx.db.all<ResultRow>(sql`SELECT r.row_no, r.outcome, ${reasonIn(lang)} AS reason, r.company_id, c.name AS company_name, c.region_id, c.owner_id, r.data
        FROM import_rows r LEFT JOIN companies c ON c.id = r.company_id
        WHERE r.import_id = ${record.id} AND r.row_no > ${after} ORDER BY r.row_no LIMIT ${PAGE_ROWS}`);
      if (!page.length) {
        controller.close();
        return;
      }
      after = page[page.length - 1]!.row_no;
      controller.enqueue(
        encoder.encode(
          page
            .map((r) => {
              const visible =
                r.company_id !== null &&
                r.region_id !== null &&
                canReadCompany(ctx.principal, { regionId: r.region_id, ownerId: r.owner_id });
              const cells = JSON.parse(r.data) as Record<string, string | undefined>;
              return csvLine([
                ...[
                  r.row_no,
                  m(`import.csv.outcome.${r.outcome}`),
                  r.reason,
                  visible ? r.company_id : '',
                  visible ? r.company_name : '',
                ].map(csvCell),
                ...importFields.map((f) => (TEXT_DIGITS.has(f) ? csvDigits(cells[f]) : csvCell(cells[f]))),
              ]);
            })
            .join(''),
        ),
      );
    },
  });
  return { fileName: `${record.fileName.replace(/\.[^.]+$/, '')} — ${m('import.csv.fileSuffix')}.csv`, body };
}
