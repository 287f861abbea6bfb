import { documentStanding, type WeighedDocument } from '../../worker/src/funnel/engine/document-stage';

const doc = (kind: WeighedDocument['kind'], amountKopecks: number, live = true): WeighedDocument => ({ kind, amountKopecks, live });

describe("the stage a lead's 1C documents justify", () => {
  test.each<[string, WeighedDocument[], string | null, number, number]>([
    ['nothing', [], null, 0, 0],
    ['an order', [doc('order', 100_000)], 'order', 0, 0],
    ['an invoice', [doc('order', 100_000), doc('invoice', 100_000)], 'invoice', 100_000, 0],
    ['a partial payment stays at invoice', [doc('invoice', 100_000), doc('payment_bank', 40_000)], 'invoice', 100_000, 40_000],
    [
      'bank + cash covering the invoice',
      [doc('invoice', 100_000), doc('payment_bank', 60_000), doc('payment_cash', 40_000)],
      'paid',
      100_000,
      100_000,
    ],
    ['a shipment wins whatever was paid', [doc('invoice', 100_000), doc('shipment', 100_000)], 'shipped', 100_000, 0],
    [
      'an unposted shipment does not count',
      [doc('invoice', 100_000), doc('payment_bank', 100_000), doc('shipment', 100_000, false)],
      'paid',
      100_000,
      100_000,
    ],
    ['a payment without an invoice justifies nothing by itself', [doc('payment_cash', 5_000)], null, 0, 5_000],
  ])('%s', (_name, docs, stageId, invoiced, paid) => {
    expect(documentStanding(docs)).toEqual({ stageId, invoicedKopecks: invoiced, paidKopecks: paid });
  });
});
