import { inFirefox } from '../shared/browser';
import { systemNow } from '../../../schema/domain/clock';
import type { z } from 'zod';
import type { Me, TokenSignInResponse } from '../../../schema/contracts';
import { callApi } from '../shared/api';
import { ApiError } from '../shared/api-error';
import type { ConnectionStatus, SignInRequest } from '../shared/messages';
import { statusFailure } from './connection-state';
import { clearConnection, readConnection, saveConnection } from './credential-store';
import { readSettings, updateSettings } from './settings';

type IssuedToken = z.infer<typeof TokenSignInResponse>;

/** Shown on the Tokens page of the server next to this device's token: which build signed in. */
const deviceName = () => (inFirefox() ? 'Расширение Firefox' : 'Расширение Chrome');

/** Password once, then only the personal API token is kept; the password is never stored. */
export async function signIn(input: SignInRequest): Promise<ConnectionStatus> {
  await updateSettings({ serverUrl: input.serverUrl });
  const issued = await callApi<IssuedToken>({
    serverUrl: input.serverUrl,
    path: '/api/auth/token',
    method: 'POST',
    body: { email: input.email, password: input.password, deviceName: deviceName() },
  });
  await saveConnection({ serverUrl: input.serverUrl, token: issued.token, user: issued.user });
  const now = systemNow();
  await updateSettings({ lastSyncAt: now, lastProblem: null });
  return { connected: true, serverUrl: input.serverUrl, user: issued.user, lastSyncAt: now };
}

/** Asks the server who the token belongs to; a refused token is dropped and the reason kept. */
export async function checkStatus(): Promise<ConnectionStatus> {
  const [connection, settings] = await Promise.all([readConnection(), readSettings()]);
  if (!connection) {
    return {
      connected: false,
      serverUrl: settings.serverUrl,
      lastSyncAt: settings.lastSyncAt,
      ...(settings.lastProblem ? { error: settings.lastProblem } : {}),
    };
  }
  try {
    const user = await callApi<Me>({ serverUrl: connection.serverUrl, path: '/api/me', token: connection.token });
    const now = systemNow();
    await saveConnection({ ...connection, user });
    await updateSettings({ lastSyncAt: now, lastProblem: null });
    return { connected: true, serverUrl: connection.serverUrl, user, lastSyncAt: now };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const problem = err.toProblem();
    const failure = statusFailure(err.status);
    if (failure === 'signed-out') {
      await clearConnection();
      await updateSettings({ lastProblem: problem });
      return { connected: false, serverUrl: connection.serverUrl, lastSyncAt: settings.lastSyncAt, error: problem };
    }
    // Offline or a server error: keep the token, it may work again in a minute.
    return {
      connected: false,
      serverUrl: connection.serverUrl,
      user: connection.user,
      lastSyncAt: settings.lastSyncAt,
      error: problem,
      ...(failure === 'unreachable' ? { unreachable: true } : {}),
    };
  }
}

/**
 * Revokes the token on the server, then forgets it here. Offline, the token is still forgotten
 * locally; it then stays listed (and revocable) on the server's Tokens page.
 */
export async function signOut(): Promise<ConnectionStatus> {
  const connection = await readConnection();
  if (connection) {
    try {
      await callApi({
        serverUrl: connection.serverUrl,
        path: '/api/auth/token',
        method: 'DELETE',
        token: connection.token,
        timeoutMs: 5_000,
      });
    } catch {
      // Already revoked, or the server is unreachable: signing out here must not depend on it.
    }
  }
  await clearConnection();
  await updateSettings({ lastProblem: null });
  const settings = await readSettings();
  return { connected: false, serverUrl: settings.serverUrl, lastSyncAt: settings.lastSyncAt };
}
