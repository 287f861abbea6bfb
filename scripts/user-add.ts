/**
 * `npm run user:add -- --email a@b.ru --name "Имя" --role admin [--region CODE] [--extension 101] [--remote]`
 * Creates a user (prompting for nothing: the password comes from VORONKA_PASSWORD or is generated
 * and printed once). Local by default; --remote writes to the deployed D1.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemNow } from '../schema/domain/clock';
import { hashPasswordSync } from './lib/password';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', default: 'manager' },
    region: { type: 'string' },
    extension: { type: 'string' },
    tz: { type: 'string', default: 'Europe/Moscow' },
    remote: { type: 'boolean', default: false },
  },
});
if (!values.email || !values.name || !['manager', 'head', 'admin'].includes(values.role!)) {
  console.error(
    'Использование: npm run user:add -- --email E --name "Имя" --role manager|head|admin [--region CODE] [--extension 101] [--remote]',
  );
  process.exit(2);
}
const password = process.env.VORONKA_PASSWORD || randomBytes(9).toString('base64url');
const q = (s: string | undefined) => (s === undefined ? 'NULL' : `'${s.replace(/'/g, "''")}'`);
const email = values.email.trim().toLowerCase();
const sql = [
  `INSERT INTO users (email, name, role, password_hash, phone_extension, time_zone, active, created_at) VALUES (${q(email)}, ${q(values.name)}, ${q(values.role)}, ${q(hashPasswordSync(password))}, ${q(values.extension)}, ${q(values.tz)}, 1, ${systemNow()});`,
  values.region
    ? `INSERT INTO user_regions (user_id, region_id) SELECT u.id, r.id FROM users u, regions r WHERE u.email = ${q(email)} AND r.code = ${q(values.region)};`
    : '',
].join('\n');
const config = values.remote ? ['-c', 'wrangler.production.toml', '--remote'] : ['--local', '--persist-to', '.wrangler/state'];
execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', ...config, '--command', sql], {
  cwd: join(__dirname, '..'),
  stdio: 'inherit',
  env: { ...process.env, CI: 'true' },
});
console.log(`\n✓ ${email} (${values.role}) создан. Пароль: ${password}`);
