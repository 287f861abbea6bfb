import { completeInn, isValidInn, isValidKpp } from '../../schema/domain/inn';
import { normalizeCompanyName } from '../../schema/domain/names';

describe('ИНН', () => {
  test.each(['7707083893', '7736050003', '500100732259', '773370857141'])('accepts the real %s', (inn) => {
    expect(isValidInn(inn)).toBe(true);
  });
  test.each(['7707083894', '500100732258', '123', '77070838930', 'абвгдежзик'])('refuses %s', (inn) => {
    expect(isValidInn(inn)).toBe(false);
  });
  test('refuses region code 00, which is never issued, even with good check digits', () => {
    expect(isValidInn(completeInn('001234567'))).toBe(false);
    expect(isValidInn(completeInn('0012345678'))).toBe(false);
    expect(isValidInn(completeInn('012345678'))).toBe(true);
  });
  test('completes the check digits of organisations and persons', () => {
    expect(completeInn('770708389')).toBe('7707083893');
    expect(completeInn('5001007322')).toBe('500100732259');
  });
});

describe('КПП', () => {
  test('four digits, two digits or capital letters, three digits', () => {
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    expect(isValidKpp('77360100')).toBe(false);
    expect(isValidKpp('7736ab001')).toBe(false);
  });
});

describe('company name normalisation', () => {
  test.each([
    ['ООО «Ромашка»', 'ромашка'],
    ['ооо "РОМАШКА"', 'ромашка'],
    ['АО  Ёлка   Плюс', 'елка плюс'],
    ['ИП Иванов Иван', 'иванов иван'],
    ['Ромашка', 'ромашка'],
    ['Аокси', 'аокси'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });
});
