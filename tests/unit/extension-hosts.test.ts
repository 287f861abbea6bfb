import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scanPhones } from '../../extension/src/shared/phones';
import type { DomDocument } from '../../extension/src/hosts/dom';
import type { HostSite } from '../../extension/src/hosts/index';
import { hostFor, hostSites } from '../../extension/src/hosts/index';
import { roundcube } from '../../extension/src/hosts/roundcube';
import { shownMailDate } from '../../extension/src/hosts/date-text';
import type { FixtureExpectation } from '../fixtures/hosts/expected';
import { fixtures } from '../fixtures/hosts/expected';
import { FIXTURE_DIR, loadPage } from '../fixtures/hosts/load';
import { replays } from '../fixtures/hosts/replays';

const siteOf = (fixture: FixtureExpectation): string => fixture.file.split('/')[0] ?? '';
const pagesOf = (site: HostSite): FixtureExpectation[] => fixtures.filter((fixture) => siteOf(fixture) === site.id);
const loaded = new Map<string, DomDocument>(fixtures.map((fixture) => [fixture.file, loadPage(fixture.file)]));
const page = (fixture: FixtureExpectation): DomDocument => loaded.get(fixture.file) as DomDocument;

// Chrome's match pattern grammar: scheme://host/path, where host is *, *.domain or a plain host.
const MATCH_PATTERN = /^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)\/.*$/;

describe('host adapter registry', () => {
  it('lists every adapter once, under a unique id, with a Russian title', () => {
    const ids = hostSites.map((site) => site.id);

    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(['gmail', 'yandex-mail', 'mailru', 'outlook', 'roundcube', 'ctxsip', 'browser-phone', 'generic']);
    for (const site of hostSites) expect(site.title).toMatch(/[а-яё]/i);
  });

  it('gives only valid Chrome match patterns, and none to self-hosted software', () => {
    for (const site of hostSites) {
      for (const pattern of site.matches) expect(pattern).toMatch(MATCH_PATTERN);
    }
    expect(hostSites.filter((site) => site.matches.length === 0).map((site) => site.id)).toEqual(['roundcube', 'ctxsip', 'browser-phone']);
  });

  it('keeps one folder of saved pages per adapter and lists every page in the expectations table', () => {
    const onDisk = hostSites.flatMap((site) => readdirSync(join(FIXTURE_DIR, site.id)).map((name) => `${site.id}/${name}`)).sort();

    expect(onDisk).toEqual(fixtures.map((fixture) => fixture.file).sort());
  });

  it('picks the owning adapter for every saved page', () => {
    for (const fixture of fixtures)
      expect([fixture.file, hostFor(page(fixture), new URL(fixture.url)).id]).toEqual([fixture.file, siteOf(fixture)]);
  });
});

describe.each(hostSites.map((site) => [site.id, site] as const))('%s adapter', (_id, site) => {
  const own = pagesOf(site);

  it('has saved pages', () => {
    expect(own.length).toBeGreaterThan(0);
  });

  it('finds each of its named selectors on at least one of its pages', () => {
    const missing = Object.entries(site.selectors)
      .filter(([, selector]) => !own.some((fixture) => page(fixture).querySelectorAll(selector).length > 0))
      .map(([name, selector]) => `${name}: ${selector}`);

    expect(missing).toEqual([]);
  });

  it('recognises its own pages', () => {
    for (const fixture of own) expect([fixture.file, site.detect(page(fixture), new URL(fixture.url))]).toEqual([fixture.file, true]);
  });

  if (site.kind === 'generic') {
    // Any web page is a generic page too; what matters is that a specific site always wins over it.
    it("leaves every other site's pages to their own adapter", () => {
      for (const fixture of fixtures.filter((other) => siteOf(other) !== site.id)) {
        expect([fixture.file, hostFor(page(fixture), new URL(fixture.url)).id]).not.toEqual([fixture.file, site.id]);
      }
    });
  } else {
    it("does not claim another site's pages", () => {
      for (const fixture of fixtures.filter((other) => siteOf(other) !== site.id)) {
        expect([fixture.file, site.detect(page(fixture), new URL(fixture.url))]).toEqual([fixture.file, false]);
      }
    });
  }

  it('has a living replay: a saved page of its own whose changing area holds every text phone of that page', () => {
    const replay = replays.filter((r) => r.site === site.id);
    expect(replay.map((r) => [r.file.split('/')[0], fixtures.some((f) => f.file === r.file && f.url === r.url)])).toEqual([
      [site.id, true],
    ]);
    const doc = page(fixtures.find((f) => f.file === replay[0]?.file) as FixtureExpectation);
    const area = doc.querySelector(replay[0]?.area ?? '');
    const textPhones = (root: Parameters<typeof scanPhones>[0] | null) =>
      root ? scanPhones(root).filter((hit) => hit.kind === 'text').length : 0;

    expect(textPhones(area)).toBeGreaterThan(0);
    if (site.kind !== 'generic') expect(textPhones(area)).toBe(textPhones(doc.body));
  });

  it('only reads the page: its markup is the same after every read', () => {
    for (const fixture of own) {
      const doc = page(fixture);
      const url = new URL(fixture.url);
      const before = doc.documentElement.textContent + String(doc.querySelectorAll('*').length);
      site.detect(doc, url);
      if (site.kind === 'mail') {
        site.readOpenMessage(doc, url);
        site.sidebarAnchor(doc);
      }
      if (site.kind === 'softphone') site.readActiveCall(doc);
      scanPhones(doc.documentElement);

      expect(doc.documentElement.textContent + String(doc.querySelectorAll('*').length)).toBe(before);
    }
  });
});

describe('self-hosted Roundcube', () => {
  const show = fixtures.find((fixture) => fixture.file === 'roundcube/show.html') as FixtureExpectation;
  const gmailThread = fixtures.find((fixture) => fixture.file === 'gmail/thread.html') as FixtureExpectation;

  it('is recognised by its page on a domain that does not name it', () => {
    expect(new URL(show.url).hostname).toBe('pochta.krovlya-service.ru');
    expect(roundcube.detect(page(show), new URL(show.url))).toBe(true);
  });

  it('is not seen in Gmail, even at a Roundcube-looking address', () => {
    expect(roundcube.detect(page(gmailThread), new URL('https://pochta.krovlya-service.ru/roundcube/?_task=mail&_uid=1'))).toBe(false);
  });
});

describe('hosted webmail', () => {
  it.each([
    ['gmail', 'https://mail.google.com.evil.example/mail/'],
    ['yandex-mail', 'https://mail.yandex.ru.example.com/'],
    ['mailru', 'https://e.mail.ru.example.com/inbox/'],
    ['outlook', 'https://outlook.office.com.example.net/mail/'],
  ])('%s is not recognised on a look-alike domain (%s)', (id, address) => {
    const site = hostSites.find((candidate) => candidate.id === id) as HostSite;
    const own = pagesOf(site)[0] as FixtureExpectation;

    expect(site.detect(page(own), new URL(address))).toBe(false);
  });
});

describe('reading the open message', () => {
  const mailPages = fixtures.filter((fixture) => fixture.openMessage !== undefined);

  it.each(mailPages.map((fixture) => [fixture.file, fixture] as const))('%s', (_file, fixture) => {
    const site = hostFor(page(fixture), new URL(fixture.url));
    if (site.kind !== 'mail') throw new Error(`${fixture.file} is not read by a mail adapter but by ${site.id}`);

    const message = site.readOpenMessage(page(fixture), new URL(fixture.url));

    expect(message).toEqual(fixture.openMessage);
  });

  it('gives the Gmail client an address the test world knows', () => {
    const thread = fixtures.find((fixture) => fixture.file === 'gmail/thread.html') as FixtureExpectation;

    expect(thread.openMessage?.participants).toContainEqual({ email: 'ivan@krovlya.ru', name: 'Иван Петров', role: 'from' });
  });

  it('offers a sidebar anchor inside the open message view, and none where no message is open', () => {
    for (const fixture of mailPages) {
      const site = hostFor(page(fixture), new URL(fixture.url));
      if (site.kind !== 'mail') continue;
      const anchor = site.sidebarAnchor(page(fixture));

      if (fixture.openMessage) expect([fixture.file, anchor !== null]).toEqual([fixture.file, true]);
      else expect([fixture.file, anchor]).toEqual([fixture.file, null]);
    }
  });

  it('keys the same open message the same way on every read, and another message differently', () => {
    const keys = mailPages
      .filter((fixture) => fixture.openMessage)
      .map((fixture) => {
        const site = hostFor(page(fixture), new URL(fixture.url));
        if (site.kind !== 'mail') throw new Error(fixture.file);
        return [
          site.readOpenMessage(page(fixture), new URL(fixture.url))?.threadKey,
          site.readOpenMessage(page(fixture), new URL(fixture.url))?.threadKey,
        ];
      });

    for (const [first, again] of keys) expect(again).toBe(first);
    // The Roundcube preview frame and full page show the same message, so they share one key.
    expect(new Set(keys.map(([key]) => key)).size).toBe(keys.length - 1);
  });
});

describe("the open message's own date", () => {
  // What each saved page's date element says, read in the browser's zone on the day the pages were saved.
  const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).getTime();
  const SAVED = local(2026, 12, 5, 12, 0);

  it.each([
    ['gmail/thread.html', local(2026, 11, 26, 11, 2)],
    ['yandex-mail/message.html', local(2025, 11, 26, 10, 15)],
    ['mailru/letter.html', local(2025, 11, 26, 10, 15)],
    ['outlook/reading-pane.html', local(2026, 11, 26, 10, 15)],
    ['roundcube/show.html', local(2026, 11, 26, 7, 15)],
  ])('%s is dated by its page, not by the click', (file, expected) => {
    const fixture = fixtures.find((f) => f.file === file) as FixtureExpectation;
    const site = hostFor(page(fixture), new URL(fixture.url));
    if (site.kind !== 'mail') throw new Error(file);

    expect(shownMailDate(site.readOpenMessage(page(fixture), new URL(fixture.url))?.dateText, SAVED)).toBe(expected);
  });
});

describe('reading the softphone call', () => {
  it.each(fixtures.filter((fixture) => fixture.activeCall !== undefined).map((fixture) => [fixture.file, fixture] as const))(
    '%s',
    (_file, fixture) => {
      const site = hostFor(page(fixture), new URL(fixture.url));
      if (site.kind !== 'softphone') throw new Error(`${fixture.file} is not read by a softphone adapter but by ${site.id}`);

      expect(site.readActiveCall(page(fixture))).toEqual(fixture.activeCall);
    },
  );
});

describe('phone numbers on saved pages', () => {
  it.each(fixtures.map((fixture) => [fixture.file, fixture] as const))('%s', (_file, fixture) => {
    const body = page(fixture).body;
    if (!body) throw new Error(`${fixture.file} has no body`);

    const shown = scanPhones(body).map(
      (hit) => `${hit.kind === 'link' ? 'tel:' : ''}${hit.phone.e164}${hit.phone.extension ? ` #${hit.phone.extension}` : ''}`,
    );

    expect(shown).toEqual(fixture.phones);
  });
});
