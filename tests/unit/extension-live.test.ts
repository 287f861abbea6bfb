import type { CallerCard } from '../../schema/contracts';
import { backoffMs, companyOfNotice, liveUrl, noticeFor, parseLiveMessage, ringingText } from '../../extension/src/shared/live';
import { isBroadcast } from '../../extension/src/shared/messages';

const known: CallerCard = {
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
};

describe('live channel in the extension', () => {
  it('reads a ringing call and a test message, and nothing it does not understand', () => {
    expect(parseLiveMessage(JSON.stringify({ type: 'call.ringing', callId: 'c1', provider: 'generic', card: known }))).toEqual({
      type: 'call.ringing',
      callId: 'c1',
      card: known,
    });
    expect(parseLiveMessage('{"type":"test","at":5}')).toEqual({ type: 'test', at: 5 });
    for (const frame of [
      'pong',
      '[]',
      '{"type":"call.ringing","callId":"c1"}',
      '{"type":"call.ringing","callId":"c1","card":{"phone":1,"known":true}}',
      '{"type":"export.all"}',
    ]) {
      expect(parseLiveMessage(frame)).toBeNull();
    }
  });

  it('says who is calling: «Звонит: компания, контакт, ответственный менеджер»', () => {
    expect(ringingText(known)).toBe('Звонит: ООО "Кровля А", Иван Петров, ответственный Анна Менеджер');
    expect(ringingText({ ...known, contactName: null, ownerName: null })).toBe('Звонит: ООО "Кровля А", без ответственного');
    expect(
      ringingText({ phone: '+79991234567', known: false, ownerName: null, ownerExtension: null, regionName: null, status: null }),
    ).toBe('Звонит: +7\u00a0999\u00a0123-45-67, без ответственного');
  });

  it('offers «Открыть карточку» and «Создать интерес» only where they can work, and reads the company back from the id', () => {
    const withoutLead = noticeFor({ type: 'call.ringing', callId: 'c:1', card: known });
    const withLead = noticeFor({
      type: 'call.ringing',
      callId: 'c2',
      card: { ...known, openLead: { id: 7, stageName: 'Новое обращение' } },
    });
    const unknown = noticeFor({
      type: 'call.ringing',
      callId: 'c3',
      card: { phone: '+79991234567', known: false, ownerName: null, ownerExtension: null, regionName: null, status: null },
    });

    expect(withoutLead).toMatchObject({ id: 'call:101:c:1', title: 'Входящий звонок', contextMessage: '+7\u00a0495\u00a0123-45-67' });
    expect(withoutLead.buttons.map((b) => b.title)).toEqual(['Открыть карточку', 'Создать интерес']);
    expect(withLead.buttons.map((b) => b.action)).toEqual(['openCard']);
    expect(unknown.buttons).toEqual([]);
    expect([companyOfNotice(withoutLead.id), companyOfNotice(unknown.id), companyOfNotice('test:5')]).toEqual([101, null, null]);
    expect(noticeFor({ type: 'test', at: 5 })).toMatchObject({ id: 'test:5', buttons: [] });
  });

  it('connects over wss for https servers and backs off 1 s, 2 s, 4 s … up to 30 s', () => {
    expect(liveUrl('https://crm.example.ru')).toBe('wss://crm.example.ru/api/live');
    expect(liveUrl('http://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/api/live');
    expect([0, 1, 2, 5, 12].map((n) => backoffMs(n, 0.5))).toEqual([1_000, 2_000, 4_000, 30_000, 30_000]);
    expect(backoffMs(0, 0)).toBe(800);
    expect(backoffMs(0, 1)).toBe(1_200);
  });

  it('tells a broadcast of the service worker from other runtime messages', () => {
    expect(isBroadcast({ broadcast: 'live', payload: { type: 'test', at: 1 } })).toBe(true);
    expect(isBroadcast({ type: 'status' })).toBe(false);
    expect(isBroadcast({ broadcast: 'other', payload: {} })).toBe(false);
  });
});
