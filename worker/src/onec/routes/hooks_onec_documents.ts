import { OnecPushBody, OnecPushResult } from '../../../../schema/contracts';
import { onecPushProof, verifyOnecPush } from '../signature';
import { receiveOnecPush } from '../push';
import { defineRoute } from '../../platform/route';

/** 1C:УТ pushes counterparties and documents here from an HTTP service or exchange (docs/1c.md). */
export default defineRoute({
  method: 'post',
  path: '/hooks/1c/documents',
  tag: 'hooks',
  summary: 'Объекты 1С (контрагенты, документы) от HTTP-сервиса 1С / 1C objects pushed by a 1C HTTP service',
  access: ['machine'],
  body: OnecPushBody,
  response: OnecPushResult,
  machine: {
    source: 'onec',
    verify: ({ headers, bytes, config, now }) => verifyOnecPush(config.webhookSecrets['onec'], config.onecPushAuth, headers, bytes, now),
  },
  handler: ({ ctx, input, c, rawBody }) =>
    receiveOnecPush({
      ctx,
      input: {
        batch: input.body,
        headers: c.req.raw.headers,
        path: c.req.path,
        rawBody,
        proof: onecPushProof(c.req.raw.headers, ctx.now),
      },
    }),
});
