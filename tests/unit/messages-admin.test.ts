import { fill, msgf } from '../../worker/src/platform/i18n';
import { explainReason } from '../../worker/src/sync/explain-reason';

describe('filling placeholders', () => {
  test('each named value goes into its place; an unknown placeholder stays as written', () => {
    expect(fill('{a} и {b}, {c}', { a: 1, b: 'два' })).toBe('1 и два, {c}');
    expect(msgf('admin.users.handedOver', 'ru', { clients: 81, leads: 40, tasks: 27 })).toBe('Передано: клиентов 81, сделок 40, задач 27.');
    expect(msgf('admin.users.handedOver', 'en', { clients: 81, leads: 40, tasks: 27 })).toBe(
      'Handed over: 81 clients, 40 leads, 27 tasks.',
    );
  });
});

describe('refused payloads explained in English', () => {
  test.each([
    [
      'unauthorized: webhook-timestamp outside the 5-minute window',
      'Signature refused: the time in the signature differs from ours by more than 5 minutes: check the sender’s clock. Such a request has to be sent again; it cannot be replayed here.',
    ],
    ['body.value: Invalid input: expected array, received undefined', 'The data failed validation: field «value» — missing.'],
    // A Russian validator message no pattern knows is not shown to an English reader as is.
    ['body.name: Слишком большое значение', 'The data failed validation: field «name» — invalid value.'],
    ['нет поля timestamp', 'Not accepted: the reason is in Russian — see the details.'],
    ['something odd', 'Not accepted: something odd.'],
  ])('%s', (raw, plain) => {
    expect(explainReason(raw, 'en')).toBe(plain);
  });
});
