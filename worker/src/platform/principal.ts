import type { UserRole } from '../../../schema/db';

/** How a user's request was authenticated; widgets are read-only, extensions act as the user. */
export type UserVia = 'session' | 'extension' | 'widget';

export interface UserScope {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  /** Manager: regions whose pool he works. Head: regions he heads. Admin: unused. */
  regionIds: number[];
  /** His interface language (users.lang): the pages and a page script's API messages use it. */
  lang: 'ru' | 'en';
  /** His IANA zone (users.time_zone): the dates his pages show. */
  timeZone: string;
}

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; via: UserVia; user: UserScope; credentialId: number }
  | { kind: 'machine'; integration: string };

/**
 * The language a signed-in person chose (users.lang) when he is in his browser with a session; null
 * for anyone else (an extension, a widget, a machine, nobody) — they are answered by Accept-Language.
 */
export function sessionLang(p: Principal | undefined): UserScope['lang'] | null {
  return p?.kind === 'user' && p.via === 'session' ? p.user.lang : null;
}

/** Name used in the audit log and in the authorization matrix. */
export function principalLabel(p: Principal): string {
  if (p.kind === 'user') return `${p.via}:${p.user.role}`;
  if (p.kind === 'machine') return `machine:${p.integration}`;
  return 'anonymous';
}
