import { LiveTestResult } from '../../../../schema/contracts/live';
import { defineRoute } from '../../platform/route';
import { boundChannels } from '../push';
import { sendTestPush } from '../send-test';

export default defineRoute({
  method: 'post',
  path: '/api/live/test',
  tag: 'live',
  summary: 'Проверить уведомления: тестовое сообщение в свой живой канал / Send a test message to my own live channel',
  access: ['session'],
  response: LiveTestResult,
  handler: ({ ctx, c }) => sendTestPush({ ctx, channels: boundChannels(c.env) }),
});
