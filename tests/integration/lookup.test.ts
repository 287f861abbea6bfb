import { signStandardWebhook } from '../../worker/src/platform/standard-webhooks';
import { apiAs } from '../helpers/api';
import { startWorker, TEST_SECRETS, type TestWorker } from '../helpers/worker';
import { seedWorld } from '../helpers/world';
import { TEST_NOW_S } from '../helpers/clock';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const q = (phone: string) => `/api/lookup?phone=${encodeURIComponent(phone)}`;

describe('GET /api/lookup — who is calling', () => {
  test("the owner sees the card of his client's caller, typed any way", async () => {
    for (const phone of ['8 (495) 123-45-67', '+74951234567', '74951234567']) {
      const res = await apiAs(w, 'managerA').get(q(phone));
      expect(res.body).toEqual({
        phone: '+74951234567',
        known: true,
        companyId: 101,
        companyName: 'ООО "Кровля А"',
        contactName: 'Иван Петров',
        ownerName: 'Анна Менеджер',
        ownerExtension: '101',
        regionName: 'Москва',
        status: 'client',
        openLead: null,
      });
    }
  });

  test('a colleague outside the scope learns only owner and region', async () => {
    const res = await apiAs(w, 'managerC').get(q('+74951234567'));
    expect(res.body).toEqual({
      phone: '+74951234567',
      known: true,
      ownerName: 'Анна Менеджер',
      ownerExtension: '101',
      regionName: 'Москва',
      status: 'client',
    });
  });

  test('the PBX, signing its GET, gets the name to display and the extension to route to', async () => {
    const id = 'msg_lookup_1';
    const ts = TEST_NOW_S;
    const res = await w.fetch(q('+74951234567'), {
      headers: {
        'webhook-id': id,
        'webhook-timestamp': String(ts),
        'webhook-signature': await signStandardWebhook(TEST_SECRETS.TELEPHONY_WEBHOOK_SECRET, id, ts, ''),
      },
    });
    expect(await res.json()).toEqual({
      phone: '+74951234567',
      known: true,
      companyName: 'ООО "Кровля А"',
      ownerName: 'Анна Менеджер',
      ownerExtension: '101',
      regionName: 'Москва',
      status: 'client',
    });
  });

  test('an unknown number and a non-number', async () => {
    expect((await apiAs(w, 'managerA').get(q('+7 999 000 11 22'))).body).toEqual({
      phone: '+79990001122',
      known: false,
      ownerName: null,
      ownerExtension: null,
      regionName: null,
      status: null,
    });
    const bad = await apiAs(w, 'managerA').get(q('позвони'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]).toEqual({ field: 'query.phone', message: 'Не похоже на телефон: «позвони»' });
  });
});
