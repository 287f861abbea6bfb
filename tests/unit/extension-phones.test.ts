import { parseHTML } from 'linkedom';
import type { DomElement, DomNode } from '../../extension/src/hosts/dom';
import type { TextPhoneHit } from '../../extension/src/shared/phones';
import { findPhonesInText, normalizePhone, OVERLAY_ATTRIBUTE, phoneFromTelHref, scanPhones } from '../../extension/src/shared/phones';
import { formatDialled, formatPhone, formatPhonesIn } from '../../extension/src/shared/format';
import { loadPage } from '../fixtures/hosts/load';

function body(html: string): DomElement {
  return parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`).document.body as unknown as DomElement;
}

describe('Russian phone numbers in text', () => {
  it.each([
    ['+7 (495) 123-45-67', '+74951234567'],
    ['8 800 555-35-35', '+78005553535'],
    ['8-912-345-67-89', '+79123456789'],
    ['74951234567', '+74951234567'],
    ['+7 495 1234567', '+74951234567'],
    ['8(495)123-45-67', '+74951234567'],
    ['89123456789', '+79123456789'],
    ['(495) 123-45-67', '+74951234567'],
    ['8 (3452) 12-34-56', '+73452123456'],
    ['+7\u00a0495\u00a0123\u201345\u201367', '+74951234567'],
  ])('reads %s as %s', (written, e164) => {
    expect(findPhonesInText(`Звоните: ${written}, ждём.`)).toEqual([
      { start: 9, end: 9 + written.length, text: written, phone: { e164, extension: null } },
    ]);
  });

  it.each([
    ['+7 (495) 123-45-67 доб. 12', '12'],
    ['+7 (495) 123-45-67 доб.12', '12'],
    ['+7 (495) 123-45-67, доб. 305', '305'],
    ['+7 (495) 123-45-67 ext. 12', '12'],
    ['8 495 123-45-67 добавочный 4', '4'],
  ])('keeps the extension of %s', (written, extension) => {
    const [found] = findPhonesInText(`тел. ${written}.`);

    expect(found).toEqual({ start: 5, end: 5 + written.length, text: written, phone: { e164: '+74951234567', extension } });
  });

  it.each([
    ['a date', 'Оплата до 27.11.2026 включительно'],
    ['a date and time', 'Встреча 2026-11-27 10:15'],
    ['a company ИНН', 'ИНН 7707083893'],
    ['a personal ИНН', 'ИНН 500100732259'],
    ['an ИНН that starts like an area code', 'ИНН 3664069397'],
    ['ten bare digits', 'Лицевой счёт 4951234567'],
    ['a money amount', 'Итого 1 234 567,89 ₽'],
    ['an amount in billions', 'Выручка 4 951 234 567 ₽'],
    ['an order number in a long digit run', 'Заказ № 849512345678901'],
    ['an ОГРН', 'ОГРН 1027700132195'],
    ['a bank account', 'Р/с 40702810900000012345'],
    ['an IP address', 'Сервер 192.168.100.200'],
    ['a card number', 'Карта 4276 1234 5678 9012'],
    ['too many digits after +7', '+749512345678'],
    ['a number glued to letters', 'арт74951234567'],
    ['a number glued to a decimal', '3.74951234567'],
    ['a short city number alone', 'Офис: 123-45-67'],
    ['an unassigned area code', '+7 (595) 123-45-67'],
  ])('does not take %s for a phone', (_what, text) => {
    expect(findPhonesInText(text)).toEqual([]);
  });

  it('separates two numbers written one after another', () => {
    const found = findPhonesInText('+7 495 123-45-67 8 800 555-35-35');

    expect(found.map((hit) => [hit.text, hit.phone.e164])).toEqual([
      ['+7 495 123-45-67', '+74951234567'],
      ['8 800 555-35-35', '+78005553535'],
    ]);
  });
});

describe('numbers from explicit phone contexts', () => {
  it.each([
    ['tel:+74951234567', '+74951234567', null],
    ['tel:84951234567', '+74951234567', null],
    ['tel:+7-495-123-45-67;ext=12', '+74951234567', '12'],
    ['tel:%2B7%20495%20123-45-67', '+74951234567', null],
    ['tel:8-916-555-12-34,21', '+79165551234', '21'],
    ['TEL:+375 29 123-45-67', '+375291234567', null],
  ])('%s → %s', (href, e164, extension) => {
    expect(phoneFromTelHref(href)).toEqual({ e164, extension });
  });

  it.each(['tel:', 'tel:101', 'tel:+7495123456', 'tel:+7 (495) 123', 'mailto:ivan@krovlya.ru', 'tel:%E0%A4%A'])('refuses %s', (href) => {
    expect(phoneFromTelHref(href)).toBeNull();
  });

  it('normalizes what a softphone shows, the way the server does', () => {
    expect(normalizePhone('8 (495) 123-45-67 доб. 12')).toEqual({ e164: '+74951234567', extension: '12' });
    expect(normalizePhone('4951234567')).toEqual({ e164: '+74951234567', extension: null });
    expect(normalizePhone('101')).toBeNull();
    expect(normalizePhone('Иван')).toBeNull();
  });
});

describe('scanning a page for phones', () => {
  it('reports text hits as offsets in their own text node, and tel: links once', () => {
    const root = body('<p>Отдел продаж: <b>+7 (495) 123-45-67</b> или <a href="tel:88005553535">8 800 555-35-35</a></p>');

    const hits = scanPhones(root);

    expect(hits.map((hit) => hit.kind)).toEqual(['text', 'link']);
    const text = hits[0] as TextPhoneHit;
    expect(text.node.data.slice(text.start, text.end)).toBe('+7 (495) 123-45-67');
    expect(text.phone).toEqual({ e164: '+74951234567', extension: null });
    expect(hits[1]).toMatchObject({ kind: 'link', phone: { e164: '+78005553535', extension: null } });
  });

  it('leaves form fields, editors, scripts, other links and our own overlay alone', () => {
    const root = body(
      [
        '<input value="+7 (495) 111-11-11"><textarea>+7 (495) 222-22-22</textarea>',
        '<div contenteditable="true"><p>+7 (495) 333-33-33</p></div><div contenteditable="false">+7 (495) 444-44-44</div>',
        '<script>var tel = "+7 (495) 555-55-55";</script><style>b::after{content:"+7 (495) 666-66-66"}</style>',
        '<a href="/contacts">+7 (495) 777-77-77</a>',
        `<span ${OVERLAY_ATTRIBUTE}="phone">+7 (495) 888-88-88</span>`,
      ].join(''),
    );

    expect(scanPhones(root).map((hit) => hit.phone.e164)).toEqual(['+74954444444']);
  });

  it('finds nothing when asked to scan inside an editor or inside our overlay', () => {
    const root = body(
      `<div contenteditable="true"><p id="draft">+7 (495) 333-33-33</p></div><span ${OVERLAY_ATTRIBUTE}="phone"><b id="own">+7 (495) 123-45-67</b></span>`,
    );

    expect(scanPhones(root.querySelector('#draft') as DomNode)).toEqual([]);
    expect(scanPhones(root.querySelector('#own') as DomNode)).toEqual([]);
  });

  it('does not find a number again once the UI has wrapped it in its overlay', () => {
    const page = parseHTML('<!DOCTYPE html><html><body><p>Звоните 8 800 555-35-35 и +7 495 1234567</p></body></html>').document;
    const [first] = scanPhones(page.body as unknown as DomNode) as TextPhoneHit[];
    if (!first) throw new Error('no phone found before wrapping');

    // What the UI layer will do with a text hit: cut the text node in three and wrap the middle.
    const text = first.node.data;
    const overlay = page.createElement('span');
    overlay.setAttribute(OVERLAY_ATTRIBUTE, 'phone');
    overlay.textContent = text.slice(first.start, first.end);
    const node = first.node as unknown as { replaceWith(...nodes: unknown[]): void };
    node.replaceWith(page.createTextNode(text.slice(0, first.start)), overlay, page.createTextNode(text.slice(first.end)));

    expect(scanPhones(page.body as unknown as DomNode).map((hit) => hit.phone.e164)).toEqual(['+74951234567']);
  });

  it('leaves out the text nodes the caller says it has already seen', () => {
    const root = body('<p>Склад: +7 (495) 111-22-33</p><p>Офис: +7 (495) 123-45-67</p>');
    const first = root.querySelector('p')?.childNodes[0];

    expect(scanPhones(root, { skipText: (node) => node === first }).map((hit) => hit.phone.e164)).toEqual(['+74951234567']);
  });

  it('finds the numbers of a contacts page and none of its dates, ИНН, amounts or addresses', () => {
    const page = loadPage('generic/contacts.html');

    const texts = scanPhones(page.body as DomElement)
      .filter((hit): hit is TextPhoneHit => hit.kind === 'text')
      .map((hit) => hit.text);

    expect(texts).toEqual([
      '+7 (495) 123-45-67 доб. 12',
      '8 800 555-35-35',
      '8-912-345-67-89',
      '8(495)123-45-68, доб.7',
      '74951234569',
      '+7 495 1234570 ext. 3',
      '(495) 123-45-72',
    ]);
  });
});

describe('phones shown the Russian way', () => {
  const NBSP = '\u00a0';

  it('writes +7 numbers as «+7 495 123-45-67» with no-break spaces, and others as stored', () => {
    expect(formatPhone('+74951234567')).toBe(`+7${NBSP}495${NBSP}123-45-67`);
    expect(formatPhone('+79123456789')).toBe(`+7${NBSP}912${NBSP}345-67-89`);
    expect(formatPhone('+4930123456')).toBe('+4930123456');
    expect(formatPhone('101')).toBe('101');
  });

  it('adds the extension after «доб.»', () => {
    expect(formatDialled({ e164: '+74951234567', extension: '204' })).toBe(`+7${NBSP}495${NBSP}123-45-67 доб.${NBSP}204`);
    expect(formatDialled({ e164: '+74951234567', extension: null })).toBe(`+7${NBSP}495${NBSP}123-45-67`);
  });

  it('rewrites every raw +7 number in a sentence and leaves longer digit runs alone', () => {
    expect(formatPhonesIn('Звоним +74951234567: АТС сначала позвонит на ваш телефон')).toBe(
      `Звоним +7${NBSP}495${NBSP}123-45-67: АТС сначала позвонит на ваш телефон`,
    );
    expect(formatPhonesIn('Номер +749512345678 не набран')).toBe('Номер +749512345678 не набран');
  });
});
