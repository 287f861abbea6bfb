import { telephonyHookRoute } from '../hook-route';
import { generic } from '../providers/generic';

/** Asterisk or any PBX: the documented JSON call event, signed the Standard Webhooks way (docs/telephony.md). */
export default telephonyHookRoute({
  adapter: generic,
  kind: 'event',
  summary: 'Событие звонка от любой АТС (Asterisk и др.), подпись Standard Webhooks / A call event from any PBX',
});
