import { telephonyHookRoute } from '../hook-route';
import { mango } from '../providers/mango';

/** Mango Office events/summary: direction, talk time and result of a finished call. */
export default telephonyHookRoute({ adapter: mango, kind: 'events/summary', summary: 'Mango Office: итог звонка / call summary' });
