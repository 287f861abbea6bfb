import type { CallSignal } from '../../../../schema/contracts';
import type { Config } from '../../platform/config';
import type { MachineCheck, ServiceContext } from '../../platform/route';

export type ProviderId = CallSignal['provider'];

/** One request as it arrived: nothing in it is trusted yet. */
export interface RawPayload {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

/**
 * What an adapter made of one payload: the call signals in it (often one, none for a ping or an
 * IVR step) and the payload's stable id for the inbox; or why it cannot be read, in Russian.
 */
export type ProviderRead =
  | { ok: true; externalId: string | null; signals: CallSignal[]; note?: string }
  | { ok: false; externalId: string | null; reason: string };

export interface ReadContext {
  /** When the payload was received: the time of events whose payload carries none (Zadarma's answer). */
  receivedAt: number;
  config: Config;
}

export interface VerifyArgs {
  headers: Headers;
  body: string;
  /** The raw bytes received (the route passes them): signatures over the body are checked over these. */
  bytes?: Uint8Array;
  url: URL;
  config: Config;
  now: number;
}

export interface ClickToCall {
  /** The manager's PBX extension that rings first. */
  extension: string;
  /** The number to connect him to, E.164. */
  phone: string;
  /** Our id of the request, sent to the PBX where it takes one. */
  commandId: string;
}

export type ClickToCallResult = { ok: true; requestId: string } | { ok: false; reason: string };

/** A hook the PBX calls: the path its admin types into the console, and what the reader expects there. */
export interface ProviderHook {
  kind: string;
  path: string;
}

/**
 * A PBX adapter, declarative like a connector: its id, the hooks it is called on, how its
 * signature is checked, how a payload becomes call signals, and how it is asked to place a call.
 */
export interface TelephonyAdapter {
  id: ProviderId;
  /** Shown to people (errors, docs). */
  label: string;
  hooks: readonly ProviderHook[];
  verify: (args: VerifyArgs) => Promise<MachineCheck>;
  read: (kind: string, payload: RawPayload, ctx: ReadContext) => ProviderRead;
  /** Click-to-call through the provider's callback API; absent where the provider cannot place calls. */
  clickToCall?: (ctx: ServiceContext, call: ClickToCall) => Promise<ClickToCallResult>;
}
