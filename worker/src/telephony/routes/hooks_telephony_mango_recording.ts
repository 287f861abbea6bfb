import { telephonyHookRoute } from '../hook-route';
import { mango } from '../providers/mango';

/** Mango Office events/recording: the recording of a call. */
export default telephonyHookRoute({ adapter: mango, kind: 'events/recording', summary: 'Mango Office: запись разговора / call recording' });
