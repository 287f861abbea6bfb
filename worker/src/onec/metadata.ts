import type { OnecODataSettings } from '../platform/config';
import type { Db } from '../platform/db';
import { PAYMENT_ENTITIES, PAYMENT_LINES, PULL_ENTITIES, paymentLinkRelease, rowTypeName } from './entities';
import { fetchMetadata } from './odata-client';
import { readState, writeState } from './sync-state';

/**
 * What the pull knows of the base's schema, read once from `$metadata` and kept in sync_state
 * (`onec:metadata`): the properties of each entity type the adapter reads and of the row types of
 * their tabular sections. Dropped after an OData error, so that the next run reads it again
 * (a field added or removed by an update, an object published or unpublished).
 */
export interface OnecMetadata {
  fetchedAt: number;
  /** Entity or complex type name (without the StandardODATA. namespace) → its property names, in order. */
  types: Record<string, string[]>;
  /** Which release's payment links the base has ('11.4': Заказ, '11.5': ОбъектРасчетов_Key / ОснованиеПлатежа). */
  release: '11.4' | '11.5' | null;
}

export const METADATA_KEY = 'onec:metadata';

/** The type names the adapter needs: the pulled entity types and the payment documents' row types. */
function wantedTypes(): Set<string> {
  return new Set([...PULL_ENTITIES, ...PAYMENT_ENTITIES.map((e) => rowTypeName(e, PAYMENT_LINES.section))]);
}

const TYPE_RE = /<(EntityType|ComplexType)\b[^>]*?\bName="([^"]+)"[^>]*?(?:\/>|>([\s\S]*?)<\/\1>)/g;
const PROPERTY_RE = /<Property\b[^>]*?\bName="([^"]+)"/g;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e.startsWith('#x') || e.startsWith('#X')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (XML_ENTITIES[e] ?? m),
  );

/**
 * The property names of the wanted entity and complex types of an EDMX (CSDL) document, as 1C's
 * standard interface writes it: `<EntityType Name="Document_ЗаказКлиента">` with `<Property Name=…>`
 * children; a tabular section is a `Collection(StandardODATA.<Entity>_<Section>_RowType)` property
 * whose row type is a `<ComplexType>`. Navigation properties are not fields and are left out.
 */
export function parseMetadata(xml: string, wanted: ReadonlySet<string> = wantedTypes()): Record<string, string[]> {
  const types: Record<string, string[]> = {};
  for (const m of xml.matchAll(TYPE_RE)) {
    const name = unescape(m[2]!);
    if (!wanted.has(name)) continue;
    types[name] = [...(m[3] ?? '').matchAll(PROPERTY_RE)].map((p) => unescape(p[1]!));
  }
  return types;
}

export function metadataFromXml(xml: string, now: number): OnecMetadata {
  const types = parseMetadata(xml);
  const bankRows = types[rowTypeName('Document_ПоступлениеБезналичныхДенежныхСредств', PAYMENT_LINES.section)];
  const cashRows = types[rowTypeName('Document_ПриходныйКассовыйОрдер', PAYMENT_LINES.section)];
  return { fetchedAt: now, types, release: paymentLinkRelease(new Set(bankRows ?? cashRows ?? [])) };
}

type Stored = { metadata: OnecMetadata | null };

/** The cached schema, or a fresh one read from 1C (and cached) when there is none. */
export async function loadMetadata(
  db: Db,
  settings: OnecODataSettings,
  now: number,
): Promise<{ metadata: OnecMetadata; fetched: boolean }> {
  const cached = await readState<Stored>(db, METADATA_KEY, { metadata: null });
  if (cached.metadata) return { metadata: cached.metadata, fetched: false };
  const { xml } = await fetchMetadata(settings);
  const metadata = metadataFromXml(xml, now);
  await writeState(db, METADATA_KEY, { metadata } satisfies Stored, now);
  return { metadata, fetched: true };
}

/** Forgets the cached schema: the next run reads `$metadata` again. */
export function dropMetadata(db: Db, now: number) {
  return writeState(db, METADATA_KEY, { metadata: null } satisfies Stored, now);
}
