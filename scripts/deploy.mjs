#!/usr/bin/env node
// `npm run deploy`: D1 create (once), remote migrations, secrets, build, deploy — all with wrangler.
// Needs CLOUDFLARE_API_TOKEN (+ CLOUDFLARE_ACCOUNT_ID) or a prior `npx wrangler login`.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureDependencies, must } from './lib/ensure.mjs';
import { productionProblems } from './lib/production-guard.mjs';

const DB_NAME = process.env.D1_NAME || 'voronka';
const PROD_CONFIG = join(ROOT, 'wrangler.production.toml');
const SECRETS_FILE = join(ROOT, '.prod.vars');
const wrangler = (args) =>
  execSync(`npx wrangler ${args}`, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });

// Refused before anything reaches Cloudflare: the sandbox PBX (on in .dev.vars.example) must not be deployed.
const problems = existsSync(SECRETS_FILE) ? productionProblems(readFileSync(SECRETS_FILE, 'utf8')) : [];
if (problems.length) {
  console.error(`✗ .prod.vars нельзя публиковать / refusing to deploy:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

ensureDependencies();
try {
  wrangler('whoami');
} catch {
  console.error(
    '✗ Wrangler не авторизован: задайте CLOUDFLARE_API_TOKEN или выполните `npx wrangler login`.\n  Not authenticated with Cloudflare.',
  );
  process.exit(1);
}

const findDb = () => JSON.parse(wrangler('d1 list --json')).find((d) => d.name === DB_NAME);
let db = findDb();
if (!db) {
  console.log(`→ Создаю D1 «${DB_NAME}» / creating the D1 database`);
  wrangler(`d1 create ${DB_NAME}`);
  db = findDb();
}
if (!db?.uuid) {
  console.error(`✗ D1 «${DB_NAME}» не найдена после создания`);
  process.exit(1);
}

// The committed wrangler.toml carries a placeholder id for local work; production gets the real one.
const config = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
  .replace(/database_name = ".*"/, `database_name = "${DB_NAME}"`)
  .replace(/database_id = ".*"/, `database_id = "${db.uuid}"`);
writeFileSync(PROD_CONFIG, config);

console.log('→ Миграции в облачной D1 / remote migrations');
must(`npx wrangler d1 migrations apply DB --remote -c ${PROD_CONFIG}`, 'migrations', { env: { CI: 'true' } });

console.log('→ Сборка / build');
must('npm run -s build', 'build');
console.log('→ Публикация / deploy');
must(`npx wrangler deploy -c ${PROD_CONFIG}`, 'deploy');

// Secrets go after the first deploy: a secret needs the Worker to exist.
if (existsSync(SECRETS_FILE)) {
  console.log('→ Секреты из .prod.vars / uploading secrets');
  must(`npx wrangler secret bulk ${SECRETS_FILE} -c ${PROD_CONFIG}`, 'secrets');
} else {
  console.warn(
    '! Нет .prod.vars — секреты не загружены. Создайте его по образцу .dev.vars.example (без SECURE_COOKIES) и повторите.\n' +
      '  No .prod.vars: secrets were not uploaded. Write it like .dev.vars.example and run deploy again.',
  );
}
console.log('\n✓ Готово. Первого администратора создаёт: npm run user:add -- --remote --role admin --email … --name "…"');
