import { z } from 'zod';
import { ErrorBody } from '../../../schema/contracts';
import { type MessageKey, msg } from './i18n';
import type { AnyRoute } from './route';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
}

/** The header an idempotent write honours (services/idempotency/claim.ts). */
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 200 },
  description:
    'Повтор с тем же ключом возвращает первый ответ и ничего не меняет / A repeat with the same key replays the first answer and changes nothing',
};

function parameters(schema: z.ZodType | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

/** «русский / English» of a catalogue string: the document is one for both languages. */
const both = (key: MessageKey) => `${msg(key, 'ru')} / ${msg(key, 'en')}`;
const accessText = (a: string) => both(`api.access.${a}` as MessageKey);

/** OpenAPI 3.1 from the routes' own zod contracts, so the document cannot drift from the code. */
export function buildOpenApi(routes: readonly AnyRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.page) continue;
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, unknown> = {
      [String(route.status ?? 200)]: {
        description: 'OK',
        ...(route.response ? { content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } } : {}),
      },
      default: { description: 'Ошибка / Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    };
    (paths[path] ??= {})[route.method] = {
      tags: [route.tag],
      summary: route.summary,
      description: `${both('api.access')}: ${route.access.map(accessText).join('; ')}`,
      parameters: [
        ...parameters(route.params, 'path'),
        ...parameters(route.query, 'query'),
        ...(route.idempotent ? [IDEMPOTENCY_KEY] : []),
      ],
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } }
        : {}),
      responses,
      security: route.access.includes('public') ? [] : route.access.map((a) => ({ [a]: [] })),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Voronka API', version, description: 'CRM-слой над почтой, телефонией и 1С / CRM layer over mail, telephony and 1C' },
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBody, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'vk_session' },
        extension: { type: 'http', scheme: 'bearer' },
        widget: { type: 'apiKey', in: 'query', name: 't' },
        machine: { type: 'apiKey', in: 'header', name: 'webhook-signature' },
      },
    },
  };
}
