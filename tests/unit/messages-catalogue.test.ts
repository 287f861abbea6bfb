import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES } from '../../worker/src/platform/i18n';

/**
 * The catalogue is one MESSAGES spread from section files; a key two sections both define would
 * silently keep only the later one. Every section file is loaded from the folder, so a new section
 * cannot be forgotten here.
 */
const DIR = join(__dirname, '..', '..', 'worker', 'src', 'platform', 'messages');

describe('the interface-string catalogue', () => {
  const sections = readdirSync(DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'text.ts')
    .map((f) => {
      const mod = require(join(DIR, f)) as Record<string, Record<string, { ru: string; en: string }>>;
      const exported = Object.values(mod);
      expect(exported).toHaveLength(1);
      return { file: f, keys: Object.keys(exported[0]!) };
    });

  it('spreads every section file into MESSAGES', () => {
    expect(sections.length).toBeGreaterThanOrEqual(4);
    for (const { file, keys } of sections) for (const k of keys) expect([file, k, k in MESSAGES]).toEqual([file, k, true]);
  });

  it('has no key defined in two sections', () => {
    const owners = new Map<string, string[]>();
    for (const { file, keys } of sections) for (const k of keys) owners.set(k, [...(owners.get(k) ?? []), file]);
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
    expect(Object.keys(MESSAGES)).toHaveLength(owners.size);
  });

  it('has Russian and English for every key', () => {
    for (const [key, text] of Object.entries(MESSAGES)) {
      expect([key, text.ru.trim().length > 0, text.en.trim().length > 0]).toEqual([key, true, true]);
    }
  });
});
