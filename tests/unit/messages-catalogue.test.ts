import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGES } from '../../worker/src/platform/i18n';

/**
 * The catalogue is one MESSAGES spread from section files; a key two sections both define would
 * silently keep only the later one. Every section file is loaded from the folder, so a new section
 * cannot be forgotten here. The rules every string keeps (both languages, English without Cyrillic,
 * the same places) are checked here once for all sections; the section tests check what is theirs.
 */
const DIR = join(__dirname, '..', '..', 'worker', 'src', 'platform', 'messages');
/** The parts of the app whose strings each section file holds. */
const PREFIXES: Record<string, RegExp> = {
  'shell.ts': /^(brand$|(menu|search|error|signIn|api)\.)/,
  'admin.ts': /^(admin|sync|audit|tokens|import)\./,
  'reports.ts': /^reports\./,
  'pay.ts': /^pay\./,
  'clients.ts': /^(clients|card|today|tasks)\./,
};
const places = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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

  it('names each key after the part of the app its section holds', () => {
    const wrong = sections.flatMap(({ file, keys }) => keys.filter((k) => !PREFIXES[file]?.test(k)).map((k) => `${file}: ${k}`));
    expect(sections.map((x) => x.file).filter((f) => !(f in PREFIXES))).toEqual([]);
    expect(wrong).toEqual([]);
  });

  it('has Russian and English for every key, the English without Cyrillic, the same {places} in both', () => {
    for (const [key, text] of Object.entries(MESSAGES)) {
      expect([key, text.ru.trim().length > 0, text.en.trim().length > 0]).toEqual([key, true, true]);
      // The language switch names the other language in itself: «Русский» on the English page.
      if (key !== 'menu.otherLang') expect({ key, cyrillic: /[\u0400-\u04ff]/.test(text.en) }).toEqual({ key, cyrillic: false });
      // A `{name}` place is filled with the same value in both languages.
      expect({ key, places: places(text.en) }).toEqual({ key, places: places(text.ru) });
    }
  });
});
