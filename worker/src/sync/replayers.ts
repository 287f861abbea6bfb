import { MAIL_INBOX_SOURCE, replayMailPayload } from '../mail';
import { replayOnecPayload } from '../onec';
import type { Replayer } from '../platform/replay';
import { providerList, replayTelephonyPayload } from '../telephony';

/**
 * Who re-runs a kept payload of each inbox source through its pipeline (the admin's «Повторить»),
 * listed here rather than registered by side effects, so the list is what it says.
 * tests/unit/replayers.test.ts checks every source the worker keeps in the inbox is either here or below.
 */
export const REPLAYERS: Readonly<Record<string, Replayer>> = {
  onec: replayOnecPayload,
  [MAIL_INBOX_SOURCE]: replayMailPayload,
  // Every PBX with a hook keeps what it sends (the sandbox PBX plays calls inside the worker and keeps nothing).
  ...Object.fromEntries(
    providerList.filter((provider) => provider.hooks.length > 0).map((provider) => [provider.id, replayTelephonyPayload]),
  ),
};

/** Inbox sources that are kept but have nothing to re-apply, and why. */
export const NOT_REPLAYABLE: Readonly<Record<string, string>> = {
  ping: 'проверка связи: в ней нечего применять / a connectivity check carries nothing to apply',
  lookup: 'запрос карточки звонящего: только чтение / a caller lookup only reads',
};

export function replayerFor(source: string): Replayer | undefined {
  return Object.hasOwn(REPLAYERS, source) ? REPLAYERS[source] : undefined;
}

export function replayableSources(): string[] {
  return Object.keys(REPLAYERS).sort();
}
