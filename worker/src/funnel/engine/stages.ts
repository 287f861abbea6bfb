import { asc } from 'drizzle-orm';
import { stages } from '../../../../schema/db';
import type { Db } from '../../platform/db';

export type Stage = typeof stages.$inferSelect;

export interface StageMap {
  byId: Map<string, Stage>;
  position: (id: string) => number;
  isClosed: (id: string) => boolean;
}

/** Stages are configuration: read once per request and looked up in memory. */
export async function loadStages(db: Db): Promise<StageMap> {
  const rows = await db.select().from(stages).orderBy(asc(stages.position)).all();
  const byId = new Map(rows.map((s) => [s.id, s]));
  return {
    byId,
    position: (id) => byId.get(id)?.position ?? -1,
    isClosed: (id) => (byId.get(id)?.outcome ?? 'open') !== 'open',
  };
}
