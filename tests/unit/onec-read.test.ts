import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { counterpartyForOnec, PULL_ENTITIES } from '../../worker/src/onec/entities';
import { entityUrl } from '../../worker/src/onec/odata-client';
import { backoffMs } from '../../worker/src/onec/outbox';
import { localTimeMinus } from '../../worker/src/onec/pull';
import { readOnecObject, type OnecRead } from '../../worker/src/onec/read';

type Collection = { 'odata.metadata': string; value: Record<string, unknown>[] };
const fixture = (entity: string): Collection =>
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'onec', `${entity}.json`), 'utf8'));
const first = (entity: string) => fixture(entity).value[0]!;
const ok = (r: OnecRead) => {
  if (!r.ok) throw new Error(`expected a readable object, got: ${r.reason}`);
  return r.object;
};
const reason = (r: OnecRead) => (r.ok ? null : r.reason);

describe('reading 1C objects from OData JSON', () => {
  test('every fixture names its entity in odata.metadata and reads cleanly', () => {
    for (const entity of PULL_ENTITIES) {
      const collection = fixture(entity);
      expect(collection['odata.metadata']).toMatch(new RegExp(`#${entity}$`));
      for (const item of collection.value) expect(reason(readOnecObject(item, entity))).toBeNull();
    }
  });

  test('a counterparty: Ref_Key, Description, НаименованиеПолное, ИНН, КПП, DataVersion, DeletionMark', () => {
    expect(ok(readOnecObject(first('Catalog_Контрагенты'), 'Catalog_Контрагенты'))).toEqual({
      type: 'counterparty',
      value: {
        refKey: '5e0a1c3e-8b3d-11ee-9c1a-00155d0a1f01',
        name: 'СтройМеталл',
        fullName: 'Общество с ограниченной ответственностью "СтройМеталл"',
        inn: '7712345015',
        kpp: '771201001',
        dataVersion: 'AAAAAgAAAAA=',
        deletionMark: false,
      },
    });
  });

  test('an individual entrepreneur has no КПП: the empty string is null', () => {
    const entrepreneur = fixture('Catalog_Контрагенты').value[1]!;
    expect(ok(readOnecObject(entrepreneur, 'Catalog_Контрагенты')).value).toMatchObject({
      inn: '773612345018',
      kpp: null,
      name: 'ИП Соколов А. В.',
    });
  });

  test('the name is also read under its Russian name Наименование', () => {
    const { Description, ...rest } = first('Catalog_Контрагенты');
    expect(ok(readOnecObject({ ...rest, Наименование: Description }, 'Catalog_Контрагенты')).value).toMatchObject({ name: 'СтройМеталл' });
  });

  test('an order: number, local date, posting, counterparty, kopecks, currency key; the empty basis is null', () => {
    expect(ok(readOnecObject(first('Document_ЗаказКлиента'), 'Document_ЗаказКлиента'))).toEqual({
      type: 'document',
      value: {
        refKey: 'a1d3f7c2-4b6e-11f1-8c2a-00155d0a1f01',
        kind: 'order',
        number: 'УТ-00001234',
        dateLocal: '2026-11-20T10:15:00',
        posted: true,
        deletionMark: false,
        dataVersion: 'AAAAAwAAAAA=',
        counterpartyRef: '5e0a1c3e-8b3d-11ee-9c1a-00155d0a1f01',
        amountKopecks: 24873045,
        currency: '9d6a8f44-8b3d-11ee-9c1a-00155d0a1f01',
        basisRef: null,
        basisType: null,
        paymentLines: [],
      },
    });
  });

  test('an invoice and a shipment carry their basis order with its entity type', () => {
    expect(ok(readOnecObject(first('Document_СчетНаОплатуКлиенту'), 'Document_СчетНаОплатуКлиенту')).value).toMatchObject({
      kind: 'invoice',
      basisRef: 'a1d3f7c2-4b6e-11f1-8c2a-00155d0a1f01',
      basisType: 'Document_ЗаказКлиента',
      dateLocal: '2026-11-20T11:02:37',
    });
    expect(ok(readOnecObject(first('Document_РеализацияТоваровУслуг'), 'Document_РеализацияТоваровУслуг')).value).toMatchObject({
      kind: 'shipment',
      number: 'УТ-00002207',
      amountKopecks: 24873045,
      basisType: 'Document_ЗаказКлиента',
    });
  });

  test('a bank payment: РасшифровкаПлатежа rows with their basis and amount; an empty currency key is RUB', () => {
    expect(
      ok(readOnecObject(first('Document_ПоступлениеБезналичныхДенежныхСредств'), 'Document_ПоступлениеБезналичныхДенежныхСредств')).value,
    ).toMatchObject({
      kind: 'payment_bank',
      currency: 'RUB',
      amountKopecks: 24873045,
      paymentLines: [
        { basisRef: 'b7e90a15-4b6e-11f1-8c2a-00155d0a1f01', amountKopecks: 20000000 },
        { basisRef: null, amountKopecks: 4873045 },
      ],
    });
  });

  test('a cash receipt reads the same rows', () => {
    expect(ok(readOnecObject(first('Document_ПриходныйКассовыйОрдер'), 'Document_ПриходныйКассовыйОрдер')).value).toMatchObject({
      kind: 'payment_cash',
      counterpartyRef: '7b42d0a4-9c10-11ee-9c1a-00155d0a1f01',
      amountKopecks: 1540000,
      paymentLines: [{ basisRef: 'e2a41c77-5012-11f1-8c2a-00155d0a1f01', amountKopecks: 1540000 }],
    });
  });

  test('rubles become kopecks with rounding, also from a numeric string', () => {
    const order = first('Document_ЗаказКлиента');
    const amount = (x: unknown) =>
      (ok(readOnecObject({ ...order, СуммаДокумента: x }, 'Document_ЗаказКлиента')).value as { amountKopecks: number }).amountKopecks;
    expect(amount(1234.565)).toBe(123457);
    expect(amount(0.1 + 0.2)).toBe(30);
    expect(amount('99.99')).toBe(9999);
    expect(amount(0)).toBe(0);
  });

  test('an item names its entity by "entity", by "odata.type", or takes the batch one', () => {
    const order = first('Document_ЗаказКлиента');
    expect(readOnecObject({ ...order, entity: 'Document_ЗаказКлиента' }).ok).toBe(true);
    expect(readOnecObject({ ...order, 'odata.type': 'StandardODATA.Document_ЗаказКлиента' }).ok).toBe(true);
    expect(readOnecObject(order, 'Document_ЗаказКлиента').ok).toBe(true);
    expect(ok(readOnecObject({ ...order, entity: 'Document_СчетНаОплатуКлиенту' }, 'Document_ЗаказКлиента')).value).toMatchObject({
      kind: 'invoice',
    });
  });

  test('a counterparty marked for deletion and one without the mark', () => {
    const { DeletionMark, ...unmarked } = first('Catalog_Контрагенты');
    void DeletionMark;
    expect(ok(readOnecObject(unmarked, 'Catalog_Контрагенты')).value).toMatchObject({ deletionMark: false });
    expect(ok(readOnecObject({ ...unmarked, DeletionMark: true }, 'Catalog_Контрагенты')).value).toMatchObject({ deletionMark: true });
  });

  describe('says in Russian why an object cannot be read', () => {
    const order = first('Document_ЗаказКлиента');
    const without = (field: string) => Object.fromEntries(Object.entries(order).filter(([k]) => k !== field));
    const cases: [string, unknown, string | null, RegExp][] = [
      ['not an object', [order], 'Document_ЗаказКлиента', /должен быть JSON-объектом/],
      ['no entity at all', order, null, /не указан тип объекта 1С/],
      [
        'an unknown entity',
        { ...order, entity: 'Document_ПеремещениеТоваров' },
        null,
        /неизвестный тип объекта 1С: Document_ПеремещениеТоваров/,
      ],
      ['no Ref_Key', without('Ref_Key'), 'Document_ЗаказКлиента', /нет поля Ref_Key/],
      [
        'the empty guid as Ref_Key',
        { ...order, Ref_Key: '00000000-0000-0000-0000-000000000000' },
        'Document_ЗаказКлиента',
        /Ref_Key пустой/,
      ],
      ['Ref_Key not a guid', { ...order, Ref_Key: 'УТ-00001234' }, 'Document_ЗаказКлиента', /Ref_Key: не GUID/],
      ['no DataVersion', without('DataVersion'), 'Document_ЗаказКлиента', /нет поля DataVersion/],
      ['no Number', without('Number'), 'Document_ЗаказКлиента', /нет поля Number/],
      ['a date with a zone', { ...order, Date: '2026-11-20T10:15:00+03:00' }, 'Document_ЗаказКлиента', /Date: не дата 1С/],
      ['an impossible date', { ...order, Date: '2026-02-30T10:15:00' }, 'Document_ЗаказКлиента', /Date: не дата 1С/],
      ['Posted not a boolean', { ...order, Posted: 'Да' }, 'Document_ЗаказКлиента', /Posted: ожидается true\/false/],
      ['an amount that is no number', { ...order, СуммаДокумента: 'двести' }, 'Document_ЗаказКлиента', /СуммаДокумента: не число/],
      [
        'a counterparty key that is no guid',
        { ...order, Контрагент_Key: 'СтройМеталл' },
        'Document_ЗаказКлиента',
        /Контрагент_Key: не GUID/,
      ],
      [
        'a payment row without an amount',
        { ...first('Document_ПриходныйКассовыйОрдер'), РасшифровкаПлатежа: [{ LineNumber: '1', Заказ: order['Ref_Key'] }] },
        'Document_ПриходныйКассовыйОрдер',
        /РасшифровкаПлатежа\[0\]\.Сумма: не число/,
      ],
      [
        'payment rows that are not a list',
        { ...first('Document_ПриходныйКассовыйОрдер'), РасшифровкаПлатежа: 'нет' },
        'Document_ПриходныйКассовыйОрдер',
        /РасшифровкаПлатежа: ожидается массив/,
      ],
      [
        'a counterparty without a name',
        { ...first('Catalog_Контрагенты'), Description: '' },
        'Catalog_Контрагенты',
        /нет поля Description \(Наименование\)/,
      ],
      ['a catalog group', { ...first('Catalog_Контрагенты'), IsFolder: true }, 'Catalog_Контрагенты', /группа справочника/],
    ];
    test.each(cases)('%s', (_name, raw, entity, expected) => {
      const result = readOnecObject(raw, entity);
      expect(result.ok).toBe(false);
      expect(reason(result)).toMatch(expected);
    });

    test('a refused object still tells its Ref_Key and DataVersion for the inbox', () => {
      expect(readOnecObject({ ...order, Date: 'вчера' }, 'Document_ЗаказКлиента')).toMatchObject({
        ok: false,
        entity: 'Document_ЗаказКлиента',
        refKey: order['Ref_Key'],
        dataVersion: order['DataVersion'],
      });
    });
  });
});

describe('what the adapter sends to 1C', () => {
  test('a new counterparty with its contacts as КонтактнаяИнформация rows', () => {
    expect(
      counterpartyForOnec({ name: 'ООО «Кровля и Фасад»', inn: '7816003457', kpp: '781601001' }, [
        {
          name: 'Пётр Сидоров',
          position: 'Снабженец',
          points: [
            { kind: 'phone', value: '+79161234567', extension: '12' },
            { kind: 'email', value: 'snab@krovlya-fasad.ru', extension: null },
          ],
        },
      ]),
    ).toEqual({
      Description: 'ООО «Кровля и Фасад»',
      НаименованиеПолное: 'ООО «Кровля и Фасад»',
      ИНН: '7816003457',
      КПП: '781601001',
      КонтактнаяИнформация: [
        {
          LineNumber: '1',
          Тип: 'Телефон',
          Представление: '+79161234567 доб. 12',
          НомерТелефона: '+79161234567',
          Комментарий: 'Пётр Сидоров, Снабженец',
        },
        {
          LineNumber: '2',
          Тип: 'АдресЭлектроннойПочты',
          Представление: 'snab@krovlya-fasad.ru',
          АдресЭП: 'snab@krovlya-fasad.ru',
          Комментарий: 'Пётр Сидоров, Снабженец',
        },
      ],
    });
  });

  test('the short name is cut to 100 characters, the full name is kept; no ИНН is an empty string', () => {
    const long = `ООО «${'Очень длинное название '.repeat(8)}»`;
    const body = counterpartyForOnec({ name: long, inn: null, kpp: null }, []);
    expect((body['Description'] as string).length).toBe(100);
    expect(body).toMatchObject({ НаименованиеПолное: long, ИНН: '', КПП: '', КонтактнаяИнформация: [] });
  });

  test('OData URLs: Cyrillic entity and filter percent-encoded, $-options readable, $select comma-joined', () => {
    const url = entityUrl(
      { url: 'http://1c.local/ut11/odata/standard.odata/', user: 'u', password: 'p', timeoutMs: 1000 },
      'Document_ЗаказКлиента',
      {
        filter: "Date ge datetime'2026-11-20T10:15:00'",
        orderby: 'Date,Ref_Key',
        select: ['Ref_Key', 'DataVersion', 'Number', 'Date', 'Posted', 'Контрагент_Key', 'СуммаДокумента', 'ДокументОснование_Type'],
        top: 100,
        skip: 0,
      },
    );
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.pathname)).toBe('/ut11/odata/standard.odata/Document_ЗаказКлиента');
    expect(parsed.searchParams.get('$format')).toBe('json');
    expect(parsed.searchParams.get('$filter')).toBe("Date ge datetime'2026-11-20T10:15:00'");
    expect(parsed.searchParams.get('$orderby')).toBe('Date,Ref_Key');
    expect(parsed.searchParams.get('$select')!.split(',')).toEqual(
      expect.arrayContaining([
        'Ref_Key',
        'DataVersion',
        'Number',
        'Date',
        'Posted',
        'Контрагент_Key',
        'СуммаДокумента',
        'ДокументОснование_Type',
      ]),
    );
    expect(parsed.searchParams.get('$top')).toBe('100');
    expect(parsed.searchParams.has('$skip')).toBe(false);
  });

  test('the outbox backs off 1, 2, 4 … minutes, at most 30', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
  });

  test('the pull rewinds 1C local time across a day and never before year 1', () => {
    expect(localTimeMinus('2026-11-21T00:30:00', 3_600_000)).toBe('2026-11-20T23:30:00');
    expect(localTimeMinus('0001-01-01T00:00:00', 3_600_000)).toBe('0001-01-01T00:00:00');
    expect(localTimeMinus('1900-06-01T12:00:00', 3_600_000)).toBe('1900-06-01T11:00:00');
  });
});
