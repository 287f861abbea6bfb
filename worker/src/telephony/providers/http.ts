/** One call to a provider's API with a deadline: its status and text, or why there is none (Russian). */
export async function callProviderApi(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ ok: true; status: number; text: string } | { ok: false; reason: string }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { ok: true, status: res.status, text: (await res.text()).slice(0, 2000) };
  } catch (err) {
    const name = (err as Error)?.name;
    return {
      ok: false,
      reason:
        name === 'TimeoutError' || name === 'AbortError'
          ? `нет ответа за ${Math.round(timeoutMs / 1000)} с`
          : `не удалось соединиться: ${(err as Error)?.message ?? String(err)}`,
    };
  }
}

export function parseJsonOrNull(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
