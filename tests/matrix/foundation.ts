import type { PrincipalName, Credentials } from '../helpers/principals';
import { principalNames } from '../helpers/principals';
import type { TestWorker } from '../helpers/worker';
import { PASSWORD, createToken, world } from '../helpers/world';

/** One case of the authorization matrix: a request and the principals that must be let through. */
export type Row = {
  route: string;
  name: string;
  path: string | ((ctx: RowContext) => Promise<string>);
  method?: string;
  body?: string | ((ctx: RowContext) => Promise<string>);
  allowed: readonly PrincipalName[];
  /** Route-specific credentials of the machine principal, instead of the telephony Standard-Webhooks signature. */
  machine?: (body: string) => Promise<Record<string, string>>;
};
export interface RowContext {
  w: TestWorker;
  creds: Credentials;
}

export const ALL = principalNames;
export const SESSIONS = ['managerA', 'managerB', 'managerC', 'headA', 'headOther', 'admin'] as const;

const signInBody = JSON.stringify({ email: world.users.managerB.email, password: PASSWORD });

export const foundationRows: Row[] = [
  { route: 'GET /api/health', name: 'health is public', path: '/api/health', allowed: ALL },
  { route: 'GET /api/openapi.json', name: 'OpenAPI is public', path: '/api/openapi.json', allowed: ALL },
  { route: 'GET /api/docs', name: 'API docs page is public', path: '/api/docs', allowed: ALL },
  {
    route: 'POST /api/auth/sign-in',
    name: 'anyone may try to sign in',
    path: '/api/auth/sign-in',
    method: 'POST',
    body: signInBody,
    allowed: ALL,
  },
  {
    route: 'POST /api/auth/token',
    name: 'anyone may ask for a device token with a password',
    path: '/api/auth/token',
    method: 'POST',
    body: signInBody,
    allowed: ALL,
  },
  {
    route: 'GET /api/me',
    name: 'me: sessions, extension and widget tokens',
    path: '/api/me',
    allowed: [...SESSIONS, 'widget', 'extension'],
  },
  {
    route: 'PATCH /api/me',
    name: 'own language: sessions only (a widget or extension token is refused)',
    path: '/api/me',
    method: 'PATCH',
    body: JSON.stringify({ lang: 'ru' }),
    allowed: SESSIONS,
  },
  { route: 'GET /api/tokens', name: 'own tokens are listed from a session only', path: '/api/tokens', allowed: SESSIONS },
  {
    route: 'POST /api/tokens',
    name: 'tokens are issued from a session only',
    path: '/api/tokens',
    method: 'POST',
    body: JSON.stringify({ kind: 'api', name: 'matrix' }),
    allowed: SESSIONS,
  },
  {
    route: 'DELETE /api/tokens/:id',
    name: "only A may revoke A's token",
    method: 'DELETE',
    allowed: ['managerA'],
    path: async ({ w, creds }) => `/api/tokens/${(await createToken(w, creds.cookies.managerA, 'api')).id}`,
  },
  {
    route: 'GET /api/regions',
    name: 'regions: signed-in users and the extension',
    path: '/api/regions',
    allowed: [...SESSIONS, 'extension'],
  },
  { route: 'GET /api/users', name: 'users: signed-in users and the extension', path: '/api/users', allowed: [...SESSIONS, 'extension'] },
  {
    route: 'GET /api/companies',
    name: 'company list: signed-in users and the extension',
    path: '/api/companies',
    allowed: [...SESSIONS, 'extension'],
  },
  {
    route: 'GET /api/companies/:id',
    name: "A's company (IDOR): A, his head, the admin, A's extension",
    path: `/api/companies/${world.companies.ofA}`,
    allowed: ['managerA', 'headA', 'admin', 'extension'],
  },
  {
    route: 'GET /api/companies/:id',
    name: 'pool company of region 1: its managers, its head, the admin',
    path: `/api/companies/${world.companies.poolMsk}`,
    allowed: ['managerA', 'managerB', 'headA', 'admin', 'extension'],
  },
  {
    route: 'GET /api/companies/:id',
    name: "C's company in region 2: C, the other head, the admin",
    path: `/api/companies/${world.companies.ofC}`,
    allowed: ['managerC', 'headOther', 'admin'],
  },
  {
    route: 'GET /api/widgets/today',
    name: 'widget figures: embed token or a session',
    path: '/api/widgets/today',
    allowed: [...SESSIONS, 'widget'],
  },
  {
    route: 'POST /hooks/ping',
    name: 'ping accepts a signed machine only',
    path: '/hooks/ping',
    method: 'POST',
    body: '{"hello":"voronka"}',
    allowed: ['machine'],
  },
  { route: 'GET /', name: 'root redirects everyone', path: '/', allowed: ALL },
  { route: 'GET /sign-in', name: 'sign-in page is public', path: '/sign-in', allowed: ALL },
  { route: 'GET /app', name: 'home page needs a session', path: '/app', allowed: SESSIONS },
  { route: 'GET /app/tokens', name: 'tokens page needs a session', path: '/app/tokens', allowed: SESSIONS },
  { route: 'GET /w/:name', name: 'widget shell is public (data needs the token)', path: '/w/today', allowed: ALL },
  // Last: these revoke the credential they are called with, so each caller brings a throwaway one.
  { route: 'POST /api/auth/sign-out', name: 'sign-out needs a session', path: '/api/auth/sign-out', method: 'POST', allowed: SESSIONS },
  {
    route: 'DELETE /api/auth/token',
    name: 'the extension revokes its own token',
    path: '/api/auth/token',
    method: 'DELETE',
    allowed: ['extension'],
  },
];
