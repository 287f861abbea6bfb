import type { DomDocument } from './dom';
import type { HostSite } from './types';
import { browserPhone } from './browser-phone';
import { ctxsip } from './ctxsip';
import { generic } from './generic';
import { gmail } from './gmail';
import { mailru } from './mailru';
import { outlook } from './outlook';
import { roundcube } from './roundcube';
import { yandexMail } from './yandex-mail';

export type * from './types';

/**
 * Web sites the extension overlays, one declarative file per site: `hosts/<site>.ts` exports a
 * HostSite and is listed here. Adapters only read the page (no DOM writes, no messages): the
 * sidebar and click-to-call features decide what to show. See docs/extension.md.
 */

export const hostSites: readonly HostSite[] = [gmail, yandexMail, mailru, outlook, roundcube, ctxsip, browserPhone, generic];

/** The adapter for a page: the first specific site whose `detect` says yes, else the generic one. */
export function hostFor(doc: DomDocument, url: URL): HostSite {
  return hostSites.find((site) => site.kind !== 'generic' && site.detect(doc, url)) ?? generic;
}
