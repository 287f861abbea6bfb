import type { CallOutcome, CallSignal } from '../../../schema/contracts';
import type { ServiceContext } from '../lib/route';

/**
 * The telephony core: merges a provider's signal into the call it belongs to (any order), creates
 * a prospect + lead for an unknown inbound caller, pushes a ringing call to its manager, and puts
 * the finished call on the timeline through the funnel pipeline. (Being implemented.)
 */
export async function applyCallSignal(ctx: ServiceContext, signal: CallSignal): Promise<CallOutcome> {
  void ctx; void signal;
  throw new Error('applyCallSignal: not implemented yet');
}
