import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PULL_ENTITIES, requiredFieldsFor, selectFor } from '../../worker/src/onec/entities';
import { metadataFromXml, parseMetadata } from '../../worker/src/onec/metadata';
import { readOnecObject, type OnecRead } from '../../worker/src/onec/read';

/**
 * The base's schema as 1C's standard OData interface publishes it (`$metadata`, EDMX/CSDL), for a
 * УТ 11.4 and a УТ 11.5 base, and the 11.5 links read from OData JSON.
 */
const edmx = (release: string) => readFileSync(join(__dirname, '..', 'fixtures', 'onec', `metadata-ut-${release}.xml`), 'utf8');
const fixture = (entity: string) =>
  (JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'onec', `${entity}.json`), 'utf8')) as { value: Record<string, unknown>[] })
    .value[0]!;
const doc = (r: OnecRead) => {
  if (!r.ok || r.object.type !== 'document') throw new Error(`expected a document, got: ${r.ok ? r.object.type : r.reason}`);
  return r.object.value;
};
const EMPTY = '00000000-0000-0000-0000-000000000000';
const ORDER = 'a1d3f7c2-4b6e-11f1-8c2a-00155d0a1f01';
const INVOICE = 'b7e90a15-4b6e-11f1-8c2a-00155d0a1f01';

describe('$metadata of the standard OData interface', () => {
  test('entity and row types are read with their properties, navigation properties left out', () => {
    const types = parseMetadata(edmx('11.5'));
    expect(Object.keys(types).sort()).toEqual(
      [
        ...PULL_ENTITIES,
        'Document_ПоступлениеБезналичныхДенежныхСредств_РасшифровкаПлатежа_RowType',
        'Document_ПриходныйКассовыйОрдер_РасшифровкаПлатежа_RowType',
      ].sort(),
    );
    expect(types['Document_ПоступлениеБезналичныхДенежныхСредств_РасшифровкаПлатежа_RowType']).toEqual([
      'LineNumber',
      'Партнер_Key',
      'ОбъектРасчетов_Key',
      'ОснованиеПлатежа',
      'Сумма',
      'СуммаВзаиморасчетов',
      'ВалютаВзаиморасчетов_Key',
      'ТипПлатежаФЗ263',
      'СтатьяДвиженияДенежныхСредств_Key',
      'СтавкаНДС_Key',
      'СуммаНДС',
      'ОснованиеПлатежа_Type',
    ]);
    expect(types['Document_ЗаказКлиента']).not.toContain('Контрагент');
    expect(types['Document_ЗаказКлиента']).toContain('Контрагент_Key');
  });

  test('the release of the payment links is told by the payment row type', () => {
    expect(metadataFromXml(edmx('11.4'), 1).release).toBe('11.4');
    expect(metadataFromXml(edmx('11.5'), 1).release).toBe('11.5');
    expect(metadataFromXml('<edmx:Edmx></edmx:Edmx>', 1)).toEqual({ fetchedAt: 1, types: {}, release: null });
  });

  test('$select holds only what the entity type has: a 11.5 shipment has no ДокументОснование', () => {
    const select = (release: string, entity: (typeof PULL_ENTITIES)[number]) =>
      selectFor(entity, new Set(metadataFromXml(edmx(release), 1).types[entity]));
    expect(select('11.4', 'Document_РеализацияТоваровУслуг')).toEqual(
      expect.arrayContaining(['ДокументОснование', 'ДокументОснование_Type', 'ЗаказКлиента', 'ЗаказКлиента_Type']),
    );
    expect(select('11.5', 'Document_РеализацияТоваровУслуг')).not.toContain('ДокументОснование');
    expect(select('11.5', 'Document_РеализацияТоваровУслуг')).toContain('ЗаказКлиента');
    expect(select('11.5', 'Catalog_Контрагенты')).toEqual([
      'Ref_Key',
      'DataVersion',
      'DeletionMark',
      'Description',
      'НаименованиеПолное',
      'ИНН',
      'КПП',
    ]);
    for (const release of ['11.4', '11.5'])
      for (const entity of PULL_ENTITIES) {
        const fields = new Set(metadataFromXml(edmx(release), 1).types[entity]);
        expect(selectFor(entity, fields).every((f) => fields.has(f))).toBe(true);
        expect(requiredFieldsFor(entity).filter((f) => !fields.has(f))).toEqual([]);
      }
  });
});

describe('11.5 links in OData JSON', () => {
  const payment = (row: Record<string, unknown>) =>
    doc(
      readOnecObject(
        { ...fixture('Document_ПоступлениеБезналичныхДенежныхСредств'), РасшифровкаПлатежа: [{ LineNumber: '1', Сумма: 100, ...row }] },
        'Document_ПоступлениеБезналичныхДенежныхСредств',
      ),
    ).paymentLines;

  const INVOICE_TYPE = 'StandardODATA.Document_СчетНаОплатуКлиенту';
  test.each([
    [
      '11.5: ОснованиеПлатежа, an invoice',
      { ОбъектРасчетов_Key: ORDER, ОснованиеПлатежа: INVOICE, ОснованиеПлатежа_Type: INVOICE_TYPE },
      INVOICE,
    ],
    [
      '11.5: empty basis, the settlement object',
      { ОбъектРасчетов_Key: ORDER, ОснованиеПлатежа: EMPTY, ОснованиеПлатежа_Type: 'StandardODATA.Undefined' },
      ORDER,
    ],
    // A basis that is no document Voronka keeps (an agreement) is passed over for the settlement object.
    [
      '11.5: an agreement as the basis, the settlement object',
      { ОбъектРасчетов_Key: ORDER, ОснованиеПлатежа: INVOICE, ОснованиеПлатежа_Type: 'StandardODATA.Catalog_СоглашенияСКлиентами' },
      ORDER,
    ],
    ['11.5: nothing filled', { ОбъектРасчетов_Key: EMPTY }, null],
    ['11.4: Заказ', { Заказ: INVOICE, Заказ_Type: INVOICE_TYPE }, INVOICE],
    ['11.4: Заказ pushed without its _Type', { Заказ: INVOICE }, INVOICE],
    ['11.4: Заказ of an undefined type', { Заказ: EMPTY, Заказ_Type: 'StandardODATA.Undefined' }, null],
  ])('a payment row: %s', (_name, row, basisRef) => {
    expect(payment(row)).toEqual([{ basisRef, amountKopecks: 10000 }]);
  });

  test('a shipment without ДокументОснование names its order in ЗаказКлиента', () => {
    const { ДокументОснование: _b, ДокументОснование_Type: _t, ...shipment } = fixture('Document_РеализацияТоваровУслуг');
    const read = doc(
      readOnecObject(
        { ...shipment, ЗаказКлиента: ORDER, ЗаказКлиента_Type: 'StandardODATA.Document_ЗаказКлиента' },
        'Document_РеализацияТоваровУслуг',
      ),
    );
    expect([read.basisRef, read.basisType]).toEqual([ORDER, 'Document_ЗаказКлиента']);
    const returnRequest = doc(
      readOnecObject(
        { ...shipment, ЗаказКлиента: ORDER, ЗаказКлиента_Type: 'StandardODATA.Document_ЗаявкаНаВозвратТоваровОтКлиента' },
        'Document_РеализацияТоваровУслуг',
      ),
    );
    expect(returnRequest.basisRef).toBeNull();
  });

  test('a single object names its entity in odata.metadata …#Entity/@Element', () => {
    const { 'odata.metadata': _m, ...order } = { 'odata.metadata': '', ...fixture('Document_ЗаказКлиента') };
    const read = readOnecObject({
      ...order,
      'odata.metadata': 'http://1c/ut11/odata/standard.odata/$metadata#Document_ЗаказКлиента/@Element',
    });
    expect(read.ok && read.entity).toBe('Document_ЗаказКлиента');
  });
});
