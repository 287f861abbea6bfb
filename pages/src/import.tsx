import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { z } from 'zod';
import type {
  ImportCounts,
  ImportRow,
  ImportView,
  Me,
  PreviewOutcome,
  PreviewRowResult,
  RegionView,
  UserView,
} from '../../schema/contracts';
import { IMPORT_MAX_ROWS } from '../../schema/domain/import-fields';
import { api, withRetry } from './lib/api';
import { fill, islandText } from './lib/island';
import { pageLang } from './lib/lang';
import { planChunks } from './lib/chunks';
import { autoMap, dataRows, describeMapping, findHeaderRow, firstFilledRow, toImportRows, type Field } from './lib/columns';
import { SpreadsheetError, type SheetRow } from './lib/sheet';
import { readSpreadsheet } from './lib/sheet-file';

type Region = z.infer<typeof RegionView>;
type User = z.infer<typeof UserView>;

/** The page's strings in the user's language (every `import.…` key, imports/pages/import.tsx). */
const text = islandText<string>('import-text');
const t = (key: string, values: Record<string, string | number> = {}) => fill(text[`import.${key}`] ?? key, values);
/** A count as the page's language writes it (1 234 / 1,234). */
const num = (n: number) => n.toLocaleString(pageLang() === 'en' ? 'en-GB' : 'ru-RU');
const labels = <K extends string>(prefix: string, keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, t(`${prefix}.${k}`)])) as Record<K, string>;

const OUTCOMES = ['new', 'duplicate', 'other_owner', 'invalid'] as const satisfies readonly PreviewOutcome[];
const PREVIEW_LABELS = labels('preview', OUTCOMES);
const PREVIEW_ROW_LABELS = labels('row', OUTCOMES);
const RESULT_LABELS = labels('result', [
  'new',
  'merged',
  'duplicate',
  'other_owner',
  'invalid',
] as const satisfies readonly (keyof ImportCounts)[]);
const FIELD_LABELS = labels('field', [
  'name',
  'inn',
  'kpp',
  'phone',
  'email',
  'contact',
  'position',
  'region',
  'comment',
] as const satisfies readonly Field[]);
const PROBLEMS_SHOWN = 100;

interface Context {
  me: Me;
  regions: Region[];
  managers: User[];
}
interface LoadedFile {
  name: string;
  rows: SheetRow[];
  headerIndex: number;
  warning: string | null;
}
type Stage = 'idle' | 'checking' | 'checked' | 'loading' | 'done';

/** «1 строка», «3 строки», «5 строк» (1 row, 3 rows). */
function rowsWord(n: number): string {
  const tens = n % 100;
  const last = n % 10;
  if (tens >= 11 && tens <= 14) return t('rows.many');
  return last === 1 ? t('rows.one') : last >= 2 && last <= 4 ? t('rows.few') : t('rows.many');
}

const emptyTally = (): Record<PreviewOutcome, number> => ({ new: 0, duplicate: 0, other_owner: 0, invalid: 0 });

function Progress({ done, total }: { done: number; total: number }) {
  return (
    <div style="margin-top:12px">
      <progress data-testid="progress" value={done} max={total} style="width:100%" />
      <p class="muted" data-testid="progress-text" style="margin:4px 0 0">
        {t('progress', { done: num(done), total: num(total) })}
      </p>
    </div>
  );
}

function Figures<K extends string>({ labels, counts, prefix }: { labels: Record<K, string>; counts: Record<K, number>; prefix: string }) {
  return (
    <dl style="display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px;margin:12px 0">
      {(Object.keys(labels) as K[]).map((k) => (
        <div key={k} style="background:#f6f8fb;border-radius:8px;padding:8px 12px">
          <dt class="muted" style="font-size:13px">
            {labels[k]}
          </dt>
          <dd data-testid={`${prefix}-${k}`} style="margin:2px 0 0;font-size:24px;font-weight:600">
            {counts[k]}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ImportPage() {
  const [context, setContext] = useState<Context | null>(null);
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [mapping, setMapping] = useState<(Field | null)[]>([]);
  const [regionId, setRegionId] = useState<number | null>(null);
  const [ownerId, setOwnerId] = useState<number | null>(null);
  const [stage, setStage] = useState<Stage>('idle');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [tally, setTally] = useState(emptyTally);
  const [problems, setProblems] = useState<PreviewRowResult[]>([]);
  const [importId, setImportId] = useState<number | null>(null);
  const [resumeAt, setResumeAt] = useState<number | null>(null);
  const [result, setResult] = useState<ImportView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    (async () => {
      const me = await api<Me>('/api/me');
      const { items: all } = await api<{ items: Region[] }>('/api/regions');
      const regions = me.role === 'admin' ? all : all.filter((r) => me.regionIds.includes(r.id));
      const managers = me.role === 'manager' ? [] : (await api<{ items: User[] }>('/api/users')).items.filter((u) => u.role === 'manager');
      setContext({ me, regions, managers });
      setRegionId(regions[0]?.id ?? null);
    })().catch((err: Error) => setError(err.message));
  }, []);

  const headers = file ? (file.rows[file.headerIndex]?.cells ?? []) : [];
  const rows = useMemo<ImportRow[]>(() => (file ? toImportRows(dataRows(file.rows, file.headerIndex), mapping) : []), [file, mapping]);
  const fileProblem = !file
    ? null
    : !rows.length
      ? t('noRows')
      : rows.length > IMPORT_MAX_ROWS
        ? t('tooMany', { count: num(rows.length) })
        : !mapping.includes('name')
          ? t('noName')
          : null;
  const busy = stage === 'checking' || stage === 'loading';

  /** Any change of what is imported or where invalidates the check made so far. */
  const resetRun = () => {
    setStage('idle');
    setImportId(null);
    setProgress(null);
    setResumeAt(null);
    setResult(null);
    setError(null);
  };

  async function onFile(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const picked = input.files?.[0];
    resetRun();
    setFile(null);
    if (!picked) return;
    try {
      const sheet = readSpreadsheet(new Uint8Array(await picked.arrayBuffer()));
      const found = findHeaderRow(sheet);
      const headerIndex = found >= 0 ? found : firstFilledRow(sheet);
      if (headerIndex < 0) throw new SpreadsheetError('empty');
      setFile({
        name: picked.name,
        rows: sheet,
        headerIndex,
        warning: found >= 0 ? null : t('noHeader'),
      });
      setMapping(autoMap(sheet[headerIndex]?.cells ?? []));
    } catch (err) {
      // The reader gives a reason (lib/sheet.ts); the catalogue words it in the page's language.
      setError(err instanceof SpreadsheetError ? t(`file.${err.reason}`) : t('unreadable'));
    }
  }

  async function ensureImport(): Promise<number> {
    if (importId !== null) return importId;
    const me = context!.me;
    const { id } = await api<{ id: number }>('/api/imports', {
      method: 'POST',
      body: {
        fileName: file!.name,
        regionId,
        ...(me.role === 'manager' ? {} : { ownerId }),
        mapping: describeMapping(headers, mapping),
        totalRows: rows.length,
      },
    });
    setImportId(id);
    return id;
  }

  async function check() {
    setError(null);
    setStage('checking');
    const chunks = planChunks(rows);
    const counts = emptyTally();
    const notNew: PreviewRowResult[] = [];
    setProgress({ done: 0, total: rows.length });
    try {
      const id = await ensureImport();
      let done = 0;
      for (const chunk of chunks) {
        const answer = await withRetry(() =>
          api<{ rows: PreviewRowResult[] }>(`/api/imports/${id}/preview`, { method: 'POST', body: { rows: chunk } }),
        );
        for (const r of answer.rows) {
          counts[r.outcome]++;
          if (r.outcome !== 'new' && notNew.length < PROBLEMS_SHOWN) notNew.push(r);
        }
        done += chunk.length;
        setProgress({ done, total: rows.length });
      }
      setTally(counts);
      setProblems(notNew.sort((a, b) => a.rowNo - b.rowNo));
      setStage('checked');
    } catch (err) {
      setError((err as Error).message);
      setStage('idle');
    }
  }

  async function load(from = 0) {
    setError(null);
    setStage('loading');
    const chunks = planChunks(rows);
    let done = chunks.slice(0, from).reduce((n, c) => n + c.length, 0);
    setProgress({ done, total: rows.length });
    let index = from;
    try {
      const id = await ensureImport();
      for (; index < chunks.length; index++) {
        const chunk = chunks[index]!;
        await withRetry(() => api(`/api/imports/${id}/commit`, { method: 'POST', body: { rows: chunk } }));
        done += chunk.length;
        setProgress({ done, total: rows.length });
      }
      setResult(await withRetry(() => api<ImportView>(`/api/imports/${id}/finish`, { method: 'POST' })));
      setResumeAt(null);
      setStage('done');
    } catch (err) {
      // Chunks are idempotent on the server: resuming from the failed one loses and repeats nothing.
      setError(t('stopped', { error: (err as Error).message, done: num(done), total: num(rows.length) }));
      setResumeAt(index);
      setStage('checked');
    }
  }

  if (!context) {
    return (
      <div class="card">
        <h1 style="margin-top:0">{t('heading')}</h1>
        {error ? (
          <p class="error" role="alert" data-testid="error">
            {error}
          </p>
        ) : (
          <p class="muted">{t('loading')}</p>
        )}
      </div>
    );
  }
  const { me, regions, managers } = context;
  const regionManagers = managers.filter((u) => regionId !== null && u.regionIds.includes(regionId));
  const sample = file ? (dataRows(file.rows, file.headerIndex)[0]?.cells ?? []) : [];

  return (
    <>
      <div class="card">
        <h1 style="margin-top:0">{t('heading')}</h1>
        <p class="muted">{t('intro')}</p>
        <label for="file">{t('file')}</label>
        <input id="file" type="file" accept=".xlsx,.csv,.txt" data-testid="file" disabled={busy} onChange={onFile} />
        {file && (
          <p data-testid="file-summary">{t('fileSummary', { name: file.name, count: num(rows.length), rows: rowsWord(rows.length) })}</p>
        )}
        {file?.warning && (
          <p class="error" data-testid="file-warning">
            {file.warning}
          </p>
        )}
        {fileProblem && (
          <p class="error" data-testid="file-problem">
            {fileProblem}
          </p>
        )}
        {error && (
          <p class="error" role="alert" data-testid="error">
            {error}
          </p>
        )}
      </div>

      {file && (
        <div class="card">
          <h2 style="margin-top:0">{t('columns')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('col.header')}</th>
                <th>{t('col.sample')}</th>
                <th>{t('col.loadAs')}</th>
              </tr>
            </thead>
            <tbody>
              {headers.map((header, col) => (
                <tr key={col}>
                  <td translate={false} data-value>
                    {header || t('column', { n: col + 1 })}
                  </td>
                  <td class="muted" translate={false} data-value>
                    {sample[col] ?? ''}
                  </td>
                  <td>
                    <select
                      data-testid={`map-${col}`}
                      disabled={busy}
                      value={mapping[col] ?? ''}
                      onChange={(e) => {
                        const next = [...mapping];
                        next[col] = ((e.currentTarget as HTMLSelectElement).value || null) as Field | null;
                        setMapping(next);
                        resetRun();
                      }}
                    >
                      <option value="">{t('skip')}</option>
                      {(Object.keys(FIELD_LABELS) as Field[]).map((f) => (
                        <option key={f} value={f}>
                          {FIELD_LABELS[f]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <label for="region">{t('region')}</label>
          <select
            id="region"
            data-testid="region"
            disabled={busy}
            value={regionId ?? ''}
            onChange={(e) => {
              setRegionId(Number((e.currentTarget as HTMLSelectElement).value));
              setOwnerId(null);
              resetRun();
            }}
          >
            {regions.map((r) => (
              <option key={r.id} value={r.id} translate={false}>
                {r.name}
              </option>
            ))}
          </select>
          {me.role === 'manager' ? (
            <p class="muted">{t('ownerYou', { name: me.name })}</p>
          ) : (
            <>
              <label for="owner">{t('owner')}</label>
              <select
                id="owner"
                data-testid="owner"
                disabled={busy}
                value={ownerId ?? ''}
                onChange={(e) => {
                  const value = (e.currentTarget as HTMLSelectElement).value;
                  setOwnerId(value ? Number(value) : null);
                  resetRun();
                }}
              >
                <option value="">{t('pool')}</option>
                {regionManagers.map((u) => (
                  <option key={u.id} value={u.id} translate={false}>
                    {u.name}
                  </option>
                ))}
              </select>
            </>
          )}

          <div style="display:flex;gap:10px;flex-wrap:wrap">
            <button type="button" data-testid="check" disabled={busy || !!fileProblem || regionId === null} onClick={() => void check()}>
              {t('check')}
            </button>
            <button
              type="button"
              data-testid="load"
              disabled={busy || stage !== 'checked' || !!fileProblem}
              onClick={() => void load(resumeAt ?? 0)}
            >
              {resumeAt !== null ? t('resume') : t('load')}
            </button>
          </div>
          {progress && busy && <Progress done={progress.done} total={progress.total} />}
        </div>
      )}

      {(stage === 'checked' || stage === 'loading') && (
        <div class="card" data-testid="preview">
          <h2 style="margin-top:0">{t('checkHeading')}</h2>
          <Figures labels={PREVIEW_LABELS} counts={tally} prefix="preview" />
          <p class="muted">{t('checkNote')}</p>
          {problems.length > 0 && (
            <table data-testid="problems">
              <thead>
                <tr>
                  <th>{t('col.row')}</th>
                  <th>{t('col.outcome')}</th>
                  <th>{t('col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p) => (
                  <tr key={p.rowNo}>
                    <td>{p.rowNo}</td>
                    <td>{PREVIEW_ROW_LABELS[p.outcome]}</td>
                    {/* The server's reason, as the result file keeps it (Russian). */}
                    <td translate={false} data-value>
                      {p.reason ?? ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}

      {stage === 'done' && result && (
        <div class="card" data-testid="result">
          <h2 style="margin-top:0">{t('done', { done: num(result.committedRows), total: num(result.totalRows) })}</h2>
          <Progress done={result.committedRows} total={result.totalRows} />
          <Figures labels={RESULT_LABELS} counts={result.counts} prefix="result" />
          <a data-testid="download" href={`/api/imports/${result.id}/result.csv`} download>
            {t('download')}
          </a>
        </div>
      )}
    </>
  );
}

const root = document.getElementById('import-app');
if (root) {
  root.textContent = '';
  render(<ImportPage />, root);
}
