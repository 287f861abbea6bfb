import type { ProviderId, TelephonyAdapter } from './adapter';
import { generic } from './generic';
import { mango } from './mango';
import { sandbox } from './sandbox';
import { zadarma } from './zadarma';

/** Every PBX adapter; tests/unit/telephony-providers.test.ts checks each entry (hooks routed, fixtures verify and read). */
export const telephonyProviders: Readonly<Record<ProviderId, TelephonyAdapter>> = { mango, zadarma, generic, sandbox };

export const providerList: readonly TelephonyAdapter[] = Object.values(telephonyProviders);

export type { ProviderId, TelephonyAdapter } from './adapter';
