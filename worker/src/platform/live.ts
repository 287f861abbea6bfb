/**
 * Pushes a message to a manager's open browser tabs (the extension's WebSocket). The Durable
 * Object behind it lives in worker/src/live/; services only see this interface.
 */
export interface LivePush {
  push(userId: number, message: Record<string, unknown>): Promise<void>;
}

/** Used where no live channel is bound (tests of other parts, a worker without the binding). */
export const noLivePush: LivePush = { push: async () => {} };
