const NBSP = '\u00a0';

/**
 * E.164 → how a Russian reader writes it: «+7 495 123-45-67» (no-break spaces, so a line never breaks
 * inside a number); another country's number is shown as stored. The extension's formatter (the widgets' formatPhone is the same rule).
 */
export function formatPhoneRu(e164: string): string {
  const ru = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return ru ? `+7${NBSP}${ru[1]}${NBSP}${ru[2]}-${ru[3]}-${ru[4]}` : e164;
}
