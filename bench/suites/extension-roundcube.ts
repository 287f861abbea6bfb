import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { contentEventually, extensionGranting, launchBrowser, signInAndEnableSites } from '../../tests/helpers/browser';
import { openFromList, roundcubeAvailability, signInToRoundcube, startRoundcube } from '../../tests/helpers/roundcube';
import { getOk, percentile, round, type Metric } from '../lib/measure';
import { ROOT } from '../lib/server';
import type { BenchContext } from '../run';

const PASSWORD = 'demo2026';
const MANAGER = 'm001@demo.voronka.ru';
const OPENINGS = 20;
const WARM_UPS = 3;
const WEBMAIL = 'http://pochta.krovlya-intranet.ru';
const CONTENT_SCRIPT = join(ROOT, 'dist', 'extension', 'src', 'content', 'index.js');

/**
 * `extension.roundcube_card_ms`: a message opened in a real Roundcube 1.6 (Debian's package, with
 * Dovecot; tests/helpers/roundcube.ts) → the client's card drawn, the extension's own share.
 *
 * m001's clients (year database) each write one mail to m001's Dovecot mailbox; Chromium with the
 * built extension signs in to Roundcube and clicks the messages in the list one after another. For
 * each, Roundcube loads the message into its preview iframe; the share starts at that frame's
 * DOMContentLoaded (`performance.timeOrigin + navigation.domContentLoadedEventEnd`: the header and
 * body are in the DOM, everything before it is Roundcube, PHP and IMAP) and ends when the sidebar
 * commits the looked-up card (`voronkaPage.sidebarShown.at`, stamped in the render's layout
 * effect). In between: the content script injected at document_idle, the page read, the
 * look-up through the service worker to the server (search + card) and the render. The click → card
 * total (Roundcube's part included) is reported beside it without a target.
 */
export async function run({ server, now }: BenchContext): Promise<Metric[]> {
  const availability = roundcubeAvailability();
  if (!availability.ok) {
    console.warn(`⚠ extension-roundcube: skipped, no extension.roundcube_card_ms — ${availability.reason}`);
    return [];
  }
  if (!existsSync(CONTENT_SCRIPT)) {
    const built = spawnSync('npx', ['vite', 'build', '-c', 'extension/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('extension build failed');
  }

  const manager = { cookie: await server.signIn(MANAGER, PASSWORD) };
  const me = (await getOk(`${server.base}/api/me`, manager)) as { id: number };
  const own = (
    (await getOk(`${server.base}/api/companies?limit=100&ownerId=${me.id}`, manager)) as { items: { id: number; name: string }[] }
  ).items;
  const clients: { email: string; name: string }[] = [];
  for (const company of own) {
    if (clients.length >= OPENINGS + WARM_UPS) break;
    const detail = (await getOk(`${server.base}/api/companies/${company.id}`, manager)) as {
      name: string;
      contacts: { points: { kind: string; value: string }[] }[];
    };
    const email = detail.contacts.flatMap((c) => c.points).find((p) => p.kind === 'email')?.value;
    if (email) clients.push({ email, name: detail.name });
  }
  if (clients.length < OPENINGS + WARM_UPS) throw new Error(`only ${clients.length} clients of m001 have an e-mail`);

  // One plain-text mail per client, a day apart before the bench's "now".
  const subjects = clients.map((_, i) => `Заявка № ${1000 + i}: кровля и водосток`);
  const messages = new Map<string, string>();
  clients.forEach((client, i) => {
    const date = new Date(now - (clients.length - i) * 86_400_000);
    messages.set(
      `${Math.floor(date.getTime() / 1000)}.M${i}P1.bench`,
      [
        `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
        `From: ${client.email}`,
        `To: ${MANAGER}`,
        `Subject: =?utf-8?b?${Buffer.from(subjects[i]!).toString('base64')}?=`,
        `Message-ID: <bench-${i}@voronka.bench>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from(`Добрый день!\n\nПрошу выставить счёт по заявке.\n\n-- \n${client.name}\nТел.: +7 (495) 123-45-67\n`).toString(
          'base64',
        ),
        '',
      ].join('\r\n'),
    );
  });

  const mail = await startRoundcube({ user: { email: MANAGER, password: 'pochta-bench' }, messages });
  const extension = await extensionGranting([`${WEBMAIL}/*`]);
  const chromium = await launchBrowser({
    extension: true,
    extensionDir: extension.dir,
    args: [
      `--host-resolver-rules=MAP ${new URL(WEBMAIL).hostname} 127.0.0.1:${mail.port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost`,
    ],
  });
  try {
    await signInAndEnableSites(chromium.browser, server.base, MANAGER, PASSWORD, { sites: [], customOrigins: [WEBMAIL], callPopups: true });
    const page = await chromium.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${WEBMAIL}/`);
    await signInToRoundcube(page, { email: MANAGER, password: 'pochta-bench' });
    await page.bringToFront();

    const share: number[] = [];
    const wait: number[] = [];
    const total: number[] = [];
    let wrong = 0;
    for (let i = 0; i < clients.length; i++) {
      const clickedAt = await page.evaluate(() => performance.timeOrigin + performance.now());
      const frame = await openFromList(page, subjects[i]!);
      const uid = new URL(frame.url()).searchParams.get('_uid');
      const shown = await contentEventually<{ at: number; companyName: string | null }>(
        page,
        `voronkaPage.sidebarShown?.threadKey?.endsWith('/INBOX/${uid}') && voronkaPage.sidebarShown`,
        15_000,
        'messagecontframe',
      );
      // The extension's own marks, in the frame's performance timeline (shared with the content script's world).
      const marks = (await frame.evaluate(`(() => {
        const at = (name) => performance.getEntriesByName(name, 'mark').at(-1)?.startTime ?? null;
        const nav = performance.getEntriesByType('navigation')[0];
        return { domReady: nav.domContentLoadedEventEnd, read: at('voronka:message-read'), drawn: at('voronka:card-drawn'), origin: performance.timeOrigin };
      })()`)) as { domReady: number; read: number | null; drawn: number | null; origin: number };
      if (marks.read === null || marks.drawn === null) throw new Error(`no voronka marks in the preview of message ${uid}`);
      if (shown.companyName !== clients[i]!.name) wrong++;
      if (i < WARM_UPS) continue;
      share.push(marks.drawn - marks.read);
      wait.push(marks.read - marks.domReady);
      total.push(marks.origin + marks.drawn - clickedAt);
    }
    for (const list of [share, wait, total]) list.sort((a, b) => a - b);
    return [
      { metric: 'extension.roundcube_card_ms', value: round(percentile(share, 95)), unit: 'ms', target: '<= 300' },
      { metric: 'extension.roundcube_card_p50_ms', value: round(percentile(share, 50)), unit: 'ms' },
      { metric: 'extension.roundcube_before_read_ms', value: round(percentile(wait, 95)), unit: 'ms' },
      { metric: 'extension.roundcube_open_total_ms', value: round(percentile(total, 95)), unit: 'ms' },
      { metric: 'extension.roundcube_wrong_company_count', value: wrong, unit: 'count' },
    ];
  } finally {
    await chromium.close();
    await extension.dispose();
    await mail.stop();
  }
}
