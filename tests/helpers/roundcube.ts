import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import type { Frame, Page } from 'puppeteer-core';
import { join } from 'node:path';
import { monotonicMs } from './clock';

/**
 * A real Roundcube 1.6 (Debian 12's package, elastic skin) and Dovecot for the end-to-end suite.
 *
 * `roundcubeAvailability()` installs what is missing from Debian's packages (as root, with apt-get,
 * debconf preseeded so nothing is asked and no database is configured) and says why not when it
 * cannot; `startRoundcube()` then starts, on loopback only and on free ports:
 *   - Dovecot (IMAP only, a throw-away config, a passwd-file user, a Maildir seeded from
 *     tests/fixtures/roundcube/mailbox/*.eml — the files' names keep Maildir's time-first order);
 *   - Roundcube served by `php -S` from Debian's document root /var/lib/roundcube/public_html, with
 *     its own config directory (ROUNDCUBE_CONFIG_DIR, read by Debian's iniset.php), an SQLite
 *     database created from Debian's SQL/sqlite.initial.sql, IMAP = that Dovecot, no SMTP.
 * Everything lives in one temp directory, removed by `stop()`.
 */

/** Debian's packages: roundcube (core + the elastic skin), its SQLite driver, Dovecot's IMAP server and PHP's CLI (php -S). */
export const ROUNDCUBE_PACKAGES = ['roundcube', 'roundcube-sqlite3', 'dovecot-imapd', 'php-cli', 'php-sqlite3'];
/** Debian's install layout (roundcube-core 1.6.5+dfsg). */
const DOCUMENT_ROOT = '/var/lib/roundcube/public_html';
const INITIAL_SQL = '/usr/share/roundcube/SQL/sqlite.initial.sql';
const DEBIAN_CONFIG = '/etc/roundcube';
const MAILBOX = join(__dirname, '..', 'fixtures', 'roundcube', 'mailbox');

/** The mailbox's owner: manager A of tests/helpers/world.ts, whose address the sidebar leaves out. */
export const MAIL_USER = { email: 'a@test.ru', password: 'pochta-2025' } as const;

/**
 * Answers to roundcube-core's and dovecot-core's debconf questions: no dbconfig database (the
 * harness brings its own SQLite file), no web server reconfigured, no self-signed certificate.
 */
const PRESEED = [
  'roundcube-core roundcube/dbconfig-install boolean false',
  'roundcube-core roundcube/database-type select sqlite3',
  'roundcube-core roundcube/reconfigure-webserver multiselect',
  'roundcube-core roundcube/restart-webserver boolean false',
  'dovecot-core dovecot-core/create-ssl-cert boolean false',
].join('\n');

export type Availability = { ok: true; installed: boolean } | { ok: false; reason: string };

function has(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/** What is missing for the suite, in words; empty when everything is there. */
export function missingParts(): string[] {
  const missing: string[] = [];
  if (!existsSync(join(DOCUMENT_ROOT, 'index.php')) || !existsSync(INITIAL_SQL)) missing.push('roundcube');
  if (!existsSync('/usr/sbin/dovecot') || !existsSync('/usr/lib/dovecot/imap')) missing.push('dovecot-imapd');
  if (!has('php', ['-r', 'exit(extension_loaded("pdo_sqlite") ? 0 : 1);'])) missing.push('php-cli with pdo_sqlite');
  return missing;
}

/**
 * Installs the packages when missing (root and apt-get only; CI runs as root on Debian 12) and
 * tells whether the suite can run — with the reason when it cannot, for the skip message.
 */
export function roundcubeAvailability(log: (line: string) => void = (line) => console.log(line)): Availability {
  if (process.platform !== 'linux') return { ok: false, reason: `Roundcube + Dovecot need Debian's packages, this is ${process.platform}` };
  const before = missingParts();
  if (before.length === 0) return { ok: true, installed: false };
  if (process.getuid?.() !== 0)
    return {
      ok: false,
      reason: `not installed (${before.join(', ')}) and not root: run as root or apt-get install ${ROUNDCUBE_PACKAGES.join(' ')}`,
    };
  if (!existsSync('/usr/bin/apt-get')) return { ok: false, reason: `not installed (${before.join(', ')}) and no apt-get on this machine` };
  log(`→ Устанавливаю Roundcube и Dovecot из пакетов Debian / installing ${ROUNDCUBE_PACKAGES.join(' ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const step = (cmd: string, args: string[], input?: string) => {
    const res = spawnSync(cmd, args, { env, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'], timeout: 900_000 });
    return res.status === 0
      ? null
      : `${cmd} ${args.join(' ')}: ${res.error?.message ?? res.stderr?.toString().trim().split('\n').slice(-3).join(' / ')}`;
  };
  // Another apt-get (a parallel install) holds the lock: wait for it rather than fail.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  const failed =
    step('debconf-set-selections', [], `${PRESEED}\n`) ??
    step('apt-get', [...lock, 'update', '-qq']) ??
    step('apt-get', [
      ...lock,
      'install',
      '-y',
      '-qq',
      '--no-install-recommends',
      '-o',
      'Dpkg::Options::=--force-confdef',
      '-o',
      'Dpkg::Options::=--force-confold',
      ...ROUNDCUBE_PACKAGES,
    ]);
  if (failed) return { ok: false, reason: `apt-get could not install them: ${failed}` };
  const after = missingParts();
  return after.length === 0 ? { ok: true, installed: true } : { ok: false, reason: `still missing after apt-get: ${after.join(', ')}` };
}

export interface RoundcubeServer {
  /** Where php -S listens: http://127.0.0.1:<port>. */
  origin: string;
  port: number;
  imapPort: number;
  /** The temp directory holding configs, the Maildir, the database and the logs. */
  dir: string;
  /** The tail of Roundcube's and Dovecot's logs, for a failure message. */
  logs: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves with the first line the server sends (an IMAP greeting), or null when it does not answer. */
function greeting(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (line: string | null) => {
      socket.destroy();
      resolve(line);
    };
    socket.setTimeout(2_000, () => done(null));
    socket.once('data', (data) => done(data.toString('utf8')));
    socket.once('error', () => done(null));
  });
}

async function until(what: string, check: () => Promise<boolean>, logs: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = monotonicMs() + timeoutMs;
  while (!(await check())) {
    if (monotonicMs() > deadline) throw new Error(`${what} did not start within ${timeoutMs / 1000} s:\n${logs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function tail(file: string, lines = 20): string {
  return existsSync(file) ? `${file}:\n${readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')}` : `${file}: (none)`;
}

const KILL_AFTER_MS = 5_000;

/** Stops a detached process group and waits for its leader to exit. */
async function stopGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {}
  };
  const killed = setTimeout(kill, KILL_AFTER_MS); // a process deaf to SIGTERM is not left behind
  await exited;
  clearTimeout(killed);
}

const phpString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export interface RoundcubeOptions {
  /** The IMAP user (also Roundcube's login); manager A of the test world by default. */
  user?: { email: string; password: string };
  /** RFC 5322 messages for the INBOX, by Maildir base name (time first); tests/fixtures/roundcube/mailbox by default. */
  messages?: Map<string, string>;
}

/** The saved mailbox: tests/fixtures/roundcube/mailbox/*.eml by their Maildir base names. */
export function fixtureMailbox(): Map<string, string> {
  const messages = new Map<string, string>();
  for (const file of readdirSync(MAILBOX)
    .filter((f) => f.endsWith('.eml'))
    .sort())
    messages.set(file.slice(0, -'.eml'.length), readFileSync(join(MAILBOX, file), 'utf8'));
  return messages;
}

/** Starts Dovecot and Roundcube on loopback, the mailbox seeded; `roundcubeAvailability()` must have said ok. */
export async function startRoundcube(opts: RoundcubeOptions = {}): Promise<RoundcubeServer> {
  const user = opts.user ?? MAIL_USER;
  const messages = opts.messages ?? fixtureMailbox();
  const dir = await mkdtemp(join(tmpdir(), 'voronka-roundcube-'));
  chmodSync(dir, 0o755); // Dovecot's mail process runs as the mail user and must reach the Maildir
  let dovecot: ChildProcess | undefined;
  let php: ChildProcess | undefined;
  const dovecotLog = join(dir, 'dovecot.log');
  const roundcubeLogs = join(dir, 'logs');
  const logs = () => [tail(dovecotLog), tail(join(roundcubeLogs, 'errors.log')), tail(join(dir, 'php.log'))].join('\n');
  const stop = async () => {
    await stopGroup(php);
    await stopGroup(dovecot);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const [imapPort, port] = [await freePort(), await freePort()];

    // Dovecot: the user's Maildir, owned by the unprivileged user its mail process runs as.
    const nobody = { uid: 65534, gid: 65534 };
    const home = join(dir, 'home', user.email);
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(home, 'Maildir', sub), { recursive: true });
    for (const [name, text] of messages) writeFileSync(join(home, 'Maildir', 'cur', `${name}:2,`), text); // ":2," = unread
    execFileSync('chown', ['-R', `${nobody.uid}:${nobody.gid}`, join(dir, 'home')]);
    writeFileSync(join(dir, 'users'), `${user.email}:{PLAIN}${user.password}::::::\n`, { mode: 0o644 }); // read by Dovecot's auth process (user dovecot); a throw-away test password
    mkdirSync(join(dir, 'run'));
    const conf = join(dir, 'dovecot.conf');
    writeFileSync(
      conf,
      `# Throw-away Dovecot for the Roundcube e2e suite (tests/helpers/roundcube.ts): IMAP on loopback only.
protocols = imap
listen = 127.0.0.1
base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
log_path = ${dovecotLog}
instance_name = voronka-${port}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_login_user = dovenull
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${join(dir, 'users')}
}
userdb {
  driver = static
  args = uid=${nobody.uid} gid=${nobody.gid} home=${join(dir, 'home')}/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
    );
    dovecot = spawn('/usr/sbin/dovecot', ['-F', '-c', conf], {
      detached: true,
      stdio: ['ignore', openSync(dovecotLog, 'a'), openSync(dovecotLog, 'a')],
    });
    await until('Dovecot', async () => (await greeting(imapPort))?.startsWith('* OK') ?? false, logs);

    // Roundcube: its own config directory beside Debian's defaults.
    const config = join(dir, 'config');
    mkdirSync(config);
    mkdirSync(roundcubeLogs);
    mkdirSync(join(dir, 'temp'));
    for (const file of ['defaults.inc.php', 'mimetypes.php']) symlinkSync(join(DEBIAN_CONFIG, file), join(config, file));
    const database = join(dir, 'roundcube.db');
    const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Sqlite(database);
    db.exec(readFileSync(INITIAL_SQL, 'utf8'));
    db.close();
    writeFileSync(
      join(config, 'config.inc.php'),
      `<?php
// Written by tests/helpers/roundcube.ts: the e2e suite's Roundcube, IMAP on the throw-away Dovecot.
$config = [];
$config['db_dsnw'] = ${phpString(`sqlite:///${database}?mode=0640`)};
$config['imap_host'] = ${phpString(`127.0.0.1:${imapPort}`)};
$config['smtp_host'] = '';
$config['des_key'] = 'voronka-e2e-des-key-24ch';
$config['product_name'] = 'Почта ООО «Кровля-Сервис»';
$config['language'] = 'ru_RU';
$config['skin'] = 'elastic';
$config['plugins'] = [];
$config['temp_dir'] = ${phpString(join(dir, 'temp'))};
$config['log_dir'] = ${phpString(roundcubeLogs)};
$config['enable_installer'] = false;
$config['enable_spellcheck'] = false;
$config['session_lifetime'] = 60;
`,
    );
    php = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', DOCUMENT_ROOT], {
      detached: true,
      env: { ...process.env, ROUNDCUBE_CONFIG_DIR: config, PHP_CLI_SERVER_WORKERS: '4' },
      stdio: ['ignore', openSync(join(dir, 'php.log'), 'a'), openSync(join(dir, 'php.log'), 'a')],
    });
    const origin = `http://127.0.0.1:${port}`;
    await until(
      'Roundcube (php -S)',
      async () => {
        const res = await fetch(`${origin}/`).catch(() => null);
        return res?.ok === true && (await res.text()).includes('rcmloginuser');
      },
      logs,
    );
    return { origin, port, imapPort, dir, logs, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Roundcube's login form, filled and submitted as a user does; resolves when the message list shows. */
export async function signInToRoundcube(page: Page, user: { email: string; password: string } = MAIL_USER): Promise<void> {
  await page.waitForSelector('#rcmloginuser');
  await page.locator('#rcmloginuser').fill(user.email);
  await page.locator('#rcmloginpwd').fill(user.password);
  await Promise.all([page.waitForNavigation(), page.click('#rcmloginsubmit')]);
  // Either the list, or the login form again with Roundcube's reason (a refused login, an expired form token).
  const landed = await page.waitForSelector('#messagelist tbody tr, #rcmloginuser');
  if (await landed!.evaluate((el) => (el as unknown as { id: string }).id === 'rcmloginuser')) {
    const reason = await page.evaluate(`document.querySelector('#messagestack')?.textContent?.trim() ?? ''`);
    throw new Error(`Roundcube refused the login of ${user.email}: ${reason || '(no message)'} — ${page.url()}`);
  }
}

/**
 * Clicks the list row whose subject is `subject` (a real mouse click: Roundcube then loads the
 * message into the preview frame) and resolves with the preview frame once its document is the
 * message's (`_action=preview`, the header drawn).
 */
export async function openFromList(page: Page, subject: string): Promise<Frame> {
  const row = await page.waitForSelector(
    `xpath///table[@id="messagelist"]//tr[.//span[@class="subject"]//span[normalize-space()=${xpathString(subject)}]]`,
  );
  // The row's id is the uid encoded (rcmrowMw); the subject link carries it plainly.
  const uid = await row!.$eval('span.subject a', (a) => new URL((a as unknown as { href: string }).href).searchParams.get('_uid'));
  const shows = (f: Frame) => {
    if (f.name() !== 'messagecontframe') return false;
    const url = new URL(f.url(), 'http://x/');
    return url.searchParams.get('_action') === 'preview' && url.searchParams.get('_uid') === uid;
  };
  // Already open: a user would not click again, and Roundcube takes a second click on the selected
  // row within its double-click time for a double click (the message then opens as a whole page).
  const selected = await row!.evaluate((tr) =>
    (tr as unknown as { classList: { contains(c: string): boolean } }).classList.contains('selected'),
  );
  const open = page.frames().find(shows);
  if (selected && open) return open;
  await row!.click();
  const frame = await page.waitForFrame(shows);
  await frame.waitForSelector('#message-header');
  return frame;
}

const xpathString = (value: string) => (value.includes('"') ? `concat("${value.split('"').join('", \'"\', "')}")` : `"${value}"`);

if (require.main === module) {
  // `npx tsx tests/helpers/roundcube.ts`: what scripts/test.mjs runs before jest (the install takes minutes).
  const availability = roundcubeAvailability();
  console.log(
    availability.ok
      ? `✓ Roundcube + Dovecot ${availability.installed ? 'installed' : 'present'}: the real-Roundcube suite will run`
      : `⚠ Roundcube + Dovecot unavailable, the real-Roundcube suite will be skipped: ${availability.reason}`,
  );
}
