// Steps shared by `npm start` and `npm test`: plain Node, no dependencies, so they run before install.
import { execSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export function run(cmd, opts = {}) {
  const res = spawnSync(cmd, {
    cwd: ROOT,
    stdio: 'inherit',
    shell: true,
    ...opts,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', ...opts.env },
  });
  return res.status ?? 1;
}

export function must(cmd, what, opts) {
  const code = run(cmd, opts);
  if (code !== 0) {
    console.error(`\n✗ ${what} не удалось (exit ${code}) / ${what} failed`);
    process.exit(code);
  }
}

/** Installs dependencies when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('→ Устанавливаю зависимости (npm ci) / installing dependencies');
  must('npm ci --no-audit --no-fund', 'npm ci');
}

/** .dev.vars from the example; settings added to the example later are appended, never overwriting yours. */
export function ensureDevVars() {
  const target = join(ROOT, '.dev.vars');
  const example = readFileSync(join(ROOT, '.dev.vars.example'), 'utf8');
  if (!existsSync(target)) {
    copyFileSync(join(ROOT, '.dev.vars.example'), target);
    console.log('→ Создан .dev.vars из .dev.vars.example / created .dev.vars');
    return;
  }
  const keysOf = (text) =>
    new Set(
      text
        .split(/\r?\n/)
        .map((l) => /^\s*([A-Z0-9_]+)\s*=/.exec(l)?.[1])
        .filter(Boolean),
    );
  const have = keysOf(readFileSync(target, 'utf8'));
  const missing = example.split(/\r?\n/).filter((l) => {
    const k = /^\s*([A-Z0-9_]+)\s*=/.exec(l)?.[1];
    return k && !have.has(k);
  });
  if (missing.length) {
    appendFileSync(target, `\n# Added from .dev.vars.example by npm start\n${missing.join('\n')}\n`);
    console.log(`→ В .dev.vars добавлены новые настройки / new settings added: ${missing.map((l) => l.split('=')[0]).join(', ')}`);
  }
}

/** Debian's Chromium: found, installed when we are root, or a clear message naming CHROME_PATH. */
export function ensureChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log('→ Устанавливаю Chromium из пакетов Debian / installing Chromium (apt-get)');
    must('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', 'apt-get install chromium');
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  console.error(
    '✗ Chromium не найден. Установите его (sudo apt-get install chromium) или укажите путь в CHROME_PATH.\n' +
      '  Chromium not found: install it (sudo apt-get install chromium) or set CHROME_PATH to a Chromium binary.',
  );
  return null;
}

export function portAnswers(port) {
  try {
    execSync(`node -e "fetch('http://127.0.0.1:${port}/api/health').then(()=>process.exit(0),()=>process.exit(1))"`, {
      stdio: 'ignore',
      timeout: 5000,
    });
    return true;
  } catch {
    return false;
  }
}
