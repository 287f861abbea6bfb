import { normalizeEmail, normalizePhone } from '../../schema/domain/contact-points';

describe('phones → E.164 (Russia by default)', () => {
  test.each([
    ['8 495 123-45-67', '+74951234567', null],
    ['+7 (495) 123-45-67', '+74951234567', null],
    ['74951234567', '+74951234567', null],
    ['4951234567', '+74951234567', null],
    ['8 800 555-35-35', '+78005553535', null],
    ['8-912-345-67-89', '+79123456789', null],
    ['+7 912 345 67 89 доб. 123', '+79123456789', '123'],
    ['8(495)1234567 доб 12', '+74951234567', '12'],
    ['+7 495 123 45 67, ext. 5', '+74951234567', '5'],
    ['+375 29 123-45-67', '+375291234567', null],
  ])('%s → %s ext %s', (raw, e164, extension) => {
    expect(normalizePhone(raw)).toEqual({ e164, extension });
  });

  test.each(['123', '', 'позвонить завтра', '8 495 12', '+7 000 000 00 00'])('refuses %p', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe('e-mails', () => {
  test('are trimmed and lower-cased', () => {
    expect(normalizeEmail('  Ivan.Petrov@Krovlya.RU ')).toBe('ivan.petrov@krovlya.ru');
  });
  test.each(['ivan', 'ivan@', '@krovlya.ru', 'ivan@krovlya', 'iv an@krovlya.ru', 'a@b@c.ru'])('refuses %p', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });
});
