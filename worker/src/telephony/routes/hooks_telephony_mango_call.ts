import { telephonyHookRoute } from '../hook-route';
import { mango } from '../providers/mango';

/** Mango Office events/call: Appeared, Connected, Disconnected of one entry_id (form vpbx_api_key, sign, json). */
export default telephonyHookRoute({ adapter: mango, kind: 'events/call', summary: 'Mango Office: ход звонка / call progress' });
