import type { MailAddress, MailMessage } from './parse';

export type MailDirection = 'in' | 'out' | 'internal';

export interface MailParties {
  direction: MailDirection;
  /** Our side (own domains, Voronka users, the logging user), the sender first. */
  own: MailAddress[];
  /** Their side, the sender first when the mail is incoming. */
  counterparts: MailAddress[];
}

export const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

/** The domain itself or any of its subdomains (`msk.test.ru` belongs to `test.ru`). */
export function inDomain(address: string, domain: string): boolean {
  const d = domainOf(address);
  return d === domain || d.endsWith(`.${domain}`);
}

/**
 * Mail from one of ours is outgoing and its counterparts are the outside recipients; mail from
 * anyone else is incoming, from the sender (and any outside addresses copied). Only ours on both
 * sides is internal. `ignore` drops the Voronka address itself (a BCC/forward address in To/Cc).
 */
export function classifyMail(
  message: Pick<MailMessage, 'from' | 'to' | 'cc'>,
  isOwn: (address: string) => boolean,
  ignore: ReadonlySet<string> = new Set(),
): MailParties {
  const seen = new Set<string>(ignore);
  const participants: MailAddress[] = [];
  for (const a of [message.from, ...message.to, ...message.cc]) {
    if (a && !seen.has(a.address)) {
      seen.add(a.address);
      participants.push(a);
    }
  }
  const own = participants.filter((a) => isOwn(a.address));
  const counterparts = participants.filter((a) => !isOwn(a.address));
  const fromOwn = !!message.from && isOwn(message.from.address);
  return { direction: fromOwn ? (counterparts.length ? 'out' : 'internal') : 'in', own, counterparts };
}
