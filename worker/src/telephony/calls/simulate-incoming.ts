import type { SandboxIncomingRequest, SandboxIncomingResult } from '../../../../schema/contracts/calls';
import { requireWriter } from '../../access';
import { AppError, notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { SANDBOX_LABEL, ringSandboxCall } from '../providers/sandbox';
import { callerCard, callerRows } from '../lookup';
import { extensionOf, phoneOrRefuse } from './place';

/**
 * «Тестовая АТС (песочница)»: an incoming call from `from` starts ringing at the caller's extension,
 * through the same pipeline a PBX's webhook takes — so caller ID can be seen locally.
 */
export async function simulateIncomingCall({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: SandboxIncomingRequest;
}): Promise<SandboxIncomingResult> {
  // Off means absent: a production worker has no such route to probe.
  if (!ctx.config.telephony.sandbox) throw notFound();
  const user = requireWriter(ctx.principal);
  const phone = phoneOrRefuse(input.from, 'body.from');
  const extension = input.extension ?? (await extensionOf(ctx, user.user.id));
  const callId = `sandbox-in-${crypto.randomUUID()}`;
  const played = await ringSandboxCall(ctx, { phone, extension, callId });
  if (!played.ok) throw new AppError('bad_request', { ru: `${SANDBOX_LABEL}: ${played.reason}`, en: `Sandbox PBX: ${played.reason}` });
  // The card shown to the caller is what he may see of that number (the same scope as a lookup), never the
  // card pushed to whoever the call rang — which may be another region's manager.
  const card = played.outcomes[0]?.ring ? callerCard(user, phone, (await callerRows(ctx.db, [phone])).get(phone)) : null;
  return { provider: 'sandbox', label: SANDBOX_LABEL, callId, phone, extension, card };
}
