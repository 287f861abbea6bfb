import { sql } from 'drizzle-orm';
import type { ClickToCallAccepted, ClickToCallRequest } from '../../../../schema/contracts/calls';
import { normalizePhone } from '../../../../schema/domain/contact-points';
import { requireWriter } from '../../access';
import { AppError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { telephonyProviders } from '../providers';
import { auditInsert } from '../../audit';
import { loadReadableCompany } from '../../clients';
import { loadReadableLead } from '../../funnel';

/** The caller's PBX extension, or a 400 telling him what is missing. */
export async function extensionOf(ctx: ServiceContext, userId: number): Promise<string> {
  const row = await ctx.db.get<{ phone_extension: string | null } | undefined>(sql`SELECT phone_extension FROM users WHERE id = ${userId}`);
  const extension = row?.phone_extension?.trim();
  if (!extension) {
    throw new AppError('bad_request', {
      ru: 'У вас не указан внутренний номер АТС: попросите администратора заполнить его, тогда можно звонить из CRM',
      en: 'You have no PBX extension: ask the admin to set it to call from the CRM',
    });
  }
  return extension;
}

export function phoneOrRefuse(raw: string, field: string): string {
  const phone = normalizePhone(raw);
  if (!phone) throw new AppError('validation_failed', undefined, [{ field, message: 'Не похоже на номер телефона' }]);
  return phone.e164;
}

/**
 * Click-to-call: the configured PBX rings the caller's extension and connects him to the number.
 * The request (and a refusal by the PBX) is audit-logged; the call itself arrives by the hooks.
 */
export async function placeCall({ ctx, input }: { ctx: ServiceContext; input: ClickToCallRequest }): Promise<ClickToCallAccepted> {
  const user = requireWriter(ctx.principal);
  const phone = phoneOrRefuse(input.phone, 'body.phone');
  if (input.companyId !== undefined) await loadReadableCompany(ctx.db, ctx.principal, input.companyId);
  if (input.leadId !== undefined) await loadReadableLead(ctx.db, ctx.principal, input.leadId);
  const extension = await extensionOf(ctx, user.user.id);
  const provider = ctx.config.telephony.provider;
  if (!provider) {
    throw new AppError('unavailable', {
      ru: 'Звонки из CRM не настроены: задайте TELEPHONY_PROVIDER (mango, zadarma или sandbox)',
      en: 'Calling from the CRM is not configured: set TELEPHONY_PROVIDER (mango, zadarma or sandbox)',
    });
  }
  const adapter = telephonyProviders[provider];
  const commandId = `vka-${crypto.randomUUID()}`;
  const result = await adapter.clickToCall!(ctx, { extension, phone, commandId });
  const details = {
    op: 'click_to_call',
    provider,
    phone,
    extension,
    requestId: commandId,
    ...(input.companyId !== undefined ? { companyId: input.companyId } : {}),
    ...(input.leadId !== undefined ? { leadId: input.leadId } : {}),
    ...(result.ok ? {} : { refused: result.reason }),
  };
  await auditInsert(ctx, { action: 'change', entity: 'call', entityId: input.companyId ?? null, details }).run();
  if (!result.ok) {
    throw new AppError(
      'bad_gateway',
      { ru: `${adapter.label} не приняла звонок: ${result.reason}`, en: `${adapter.label} refused the call: ${result.reason}` },
      undefined,
      { provider },
    );
  }
  return { provider, requestId: result.requestId, phone };
}
