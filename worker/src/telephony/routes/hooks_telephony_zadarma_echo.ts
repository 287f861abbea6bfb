import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { defineRoute } from '../../platform/route';

const EchoQuery = z.object({ zd_echo: z.string().min(1).max(256) });

/** Zadarma checks the notification URL with a GET `?zd_echo=X` and expects exactly X back. */
export default defineRoute({
  method: 'get',
  path: '/hooks/telephony/zadarma',
  tag: 'hooks',
  summary: 'Zadarma: проверка адреса (zd_echo) / URL check',
  access: ['public'],
  query: EchoQuery,
  handler: async ({ input }) => {
    if (!/^[\w.\-]+$/.test(input.query.zd_echo))
      throw new AppError('bad_request', {
        ru: 'zd_echo: только буквы, цифры, точка, дефис и подчёркивание',
        en: 'zd_echo: letters, digits, dot, dash and underscore only',
      });
    return new Response(input.query.zd_echo, {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    });
  },
});
