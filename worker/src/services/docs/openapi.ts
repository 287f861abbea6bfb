import { buildOpenApi } from '../../lib/openapi';
import type { ServiceContext } from '../../lib/route';
import { routes } from '../../routes';

let cached: ReturnType<typeof buildOpenApi> | undefined;

/** Built once per isolate: the routes do not change while it lives. */
export async function getOpenApi({ ctx }: { ctx: ServiceContext }) {
  cached ??= buildOpenApi(routes, ctx.config.version);
  return cached;
}
