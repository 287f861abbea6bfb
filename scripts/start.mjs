#!/usr/bin/env node
// `npm start`: install if needed, migrate and seed the local D1, build, serve on localhost, print
// where everything is. Ctrl-C stops wrangler and its workerd (they run in their own process group).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureDependencies, ensureDevVars, must, portAnswers } from './lib/ensure.mjs';

const PORT = Number(process.env.PORT || 8787);
const BASE = `http://127.0.0.1:${PORT}`;

ensureDependencies();
ensureDevVars();
if (portAnswers(PORT)) {
  console.error(
    `✗ Порт ${PORT} уже занят другим сервером (возможно, прежним npm start). Остановите его или задайте PORT=…\n` +
      `  Port ${PORT} already answers (a stale server would serve a stale database). Stop it or set PORT=…`,
  );
  process.exit(1);
}
console.log('→ Миграции и демо-данные / migrations and demo data');
must('npx tsx scripts/seed-demo.ts', 'seed');
console.log('→ Сборка расширения и виджетов / building the extension and widgets');
must('npm run -s build', 'build');

console.log('→ Запускаю worker / starting the worker');
const child = spawn(
  'npx',
  [
    'wrangler',
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(PORT),
    '--persist-to',
    '.wrangler/state',
    '--show-interactive-dev-session=false',
  ],
  {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  },
);

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\n→ Останавливаю / stopping');
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    process.exit(code);
  }, 2000).unref();
  child.on('exit', () => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
child.on('exit', (code) => {
  if (!stopping) {
    console.error(`✗ wrangler dev завершился (${code})`);
    process.exit(code ?? 1);
  }
});

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${BASE}/api/health`);
      if (res.ok) return await res.json();
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('worker did not answer /api/health within 60 s');
}

async function demoWidgetUrl(email, password) {
  const signIn = await fetch(`${BASE}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (signIn.headers.get('set-cookie') || '').split(';')[0];
  const res = await fetch(`${BASE}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ kind: 'embed', name: 'npm start (демо)' }),
  });
  if (!res.ok) return `(не удалось выпустить токен: ${res.status})`;
  const { secret } = await res.json();
  return `${BASE}/w/today?t=${encodeURIComponent(secret)}`;
}

try {
  const health = await waitForHealth();
  const logins = JSON.parse(readFileSync(join(ROOT, '.wrangler', 'state', 'demo-logins.json'), 'utf8'));
  const widget = await demoWidgetUrl(logins.managers[0], logins.password);
  console.log(`
══════════════════════════════════════════════════════════════════
 Воронка запущена / Voronka is running   (версия ${health.version}, миграций: ${health.migrations.length})

 API:                 ${BASE}/api   (справочник: ${BASE}/api/docs, здоровье: ${BASE}/api/health)
 Страницы / pages:    ${BASE}/app   (вход: ${BASE}/sign-in)
                      мой день ${BASE}/app/today · задачи ${BASE}/app/tasks · новый клиент ${BASE}/app/clients/new
                      клиенты ${BASE}/app/clients · отчёты ${BASE}/app/reports · планы ${BASE}/app/plans
                      зарплата ${BASE}/app/pay · импорт ${BASE}/app/import · обмен данными ${BASE}/app/sync
                      интеграции ${BASE}/app/admin/integrations
                      пользователи ${BASE}/app/admin/users · журнал аудита ${BASE}/app/audit
 Виджет / widget:     ${widget}
                      (ещё «Мой месяц» /w/month и «Регион» /w/region; токены и код для 1С: ${BASE}/app/tokens)
 Расширение Chrome:   ${join(ROOT, 'dist', 'extension')}
                      chrome://extensions → «Режим разработчика» → «Загрузить распакованное»
 Расширение Firefox:  ${join(ROOT, 'dist', 'extension-firefox')}
                      about:debugging → «Этот Firefox» → «Загрузить временное дополнение» → manifest.json

 Демо-входы / demo logins (пароль / password: ${logins.password})
   администратор:  ${logins.admin}
   РОП (heads):    ${logins.heads.join(', ')}
   менеджеры:      ${logins.managers.slice(0, 3).join(', ')} … ${logins.managers.at(-1)} (${logins.managers.length})

 Ctrl-C — остановить / stop
══════════════════════════════════════════════════════════════════`);
} catch (err) {
  console.error(`✗ ${err.message}`);
  stop(1);
}
