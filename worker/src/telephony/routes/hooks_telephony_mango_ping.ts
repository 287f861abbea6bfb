import { telephonyHookRoute } from '../hook-route';
import { mango } from '../providers/mango';

/** Mango Office checks that the integration answers; a signed ping is kept in the inbox like any payload. */
export default telephonyHookRoute({ adapter: mango, kind: 'ping', summary: 'Mango Office: проверка связи / ping' });
