import { SESSIONS, type Row } from './foundation';

let seq = 0;

/** The client's mail to manager A; after the first caller files it, the rest get a duplicate (still 200). */
const mailToA = JSON.stringify({
  messageId: '<matrix-1@krovlya.ru>',
  from: 'Иван Петров <ivan@krovlya.ru>',
  to: ['a@test.ru'],
  date: '2026-11-23T10:00:00+03:00',
  subject: 'Матрица',
  snippet: 'Проверка доступа',
});

export const mailRows: Row[] = [
  // Anyone who writes may log a mail; what he may not see is reported as skipped, never written.
  {
    route: 'POST /api/mail/log',
    name: 'log a webmail message: signed-in users and the extension',
    path: '/api/mail/log',
    method: 'POST',
    body: mailToA,
    allowed: [...SESSIONS, 'extension'],
  },
  { route: 'GET /api/mail/never-log', name: 'never-log list: the admin', path: '/api/mail/never-log', allowed: ['admin'] },
  {
    route: 'POST /api/mail/never-log',
    name: 'add to never-log: the admin',
    path: '/api/mail/never-log',
    method: 'POST',
    allowed: ['admin'],
    body: JSON.stringify({ pattern: '@matrix-news.ru', note: 'Матрица' }),
  },
  {
    route: 'DELETE /api/mail/never-log',
    name: 'remove from never-log: the admin',
    method: 'DELETE',
    allowed: ['admin'],
    path: async ({ w }) => {
      const pattern = `@matrix-${++seq}.ru`;
      await w.db.prepare('INSERT INTO mail_never_log (pattern) VALUES (?)').bind(pattern).run();
      return `/api/mail/never-log?pattern=${encodeURIComponent(pattern)}`;
    },
  },
];
