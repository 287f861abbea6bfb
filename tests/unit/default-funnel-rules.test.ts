import Database from 'better-sqlite3';
import { readMigrations } from '../../scripts/lib/migrations';
import { DEFAULT_FUNNEL_RULES } from '../../schema/seeds/default-funnel-rules';

/** The readable list of shipped funnel rules is what the migrations really insert into a new database. */
test('the migrations insert exactly the default funnel rules of schema/seeds/default-funnel-rules.ts', () => {
  const db = new Database(':memory:');
  for (const migration of readMigrations()) for (const statement of migration.statements) db.exec(statement);
  const rows = db.prepare('SELECT * FROM funnel_rules ORDER BY position').all() as Record<string, unknown>[];
  expect(
    rows.map((r) => ({
      id: r['id'],
      position: r['position'],
      eventKind: r['event_kind'],
      condition: JSON.parse(String(r['condition'])),
      toStageId: r['to_stage_id'],
      task:
        r['task_title_ru'] === null
          ? null
          : { titleRu: r['task_title_ru'], titleEn: r['task_title_en'], kind: r['task_kind'], dueMinutes: r['task_due_minutes'] },
      closesTaskKind: r['closes_task_kind'],
      descriptionRu: r['description_ru'],
    })),
  ).toEqual(DEFAULT_FUNNEL_RULES);
  expect(rows.every((r) => r['active'] === 1)).toBe(true);
});
