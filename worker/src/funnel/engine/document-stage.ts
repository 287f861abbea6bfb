/** One 1C document as the funnel weighs it. */
export interface WeighedDocument {
  kind: 'order' | 'invoice' | 'payment_bank' | 'payment_cash' | 'shipment';
  amountKopecks: number;
  live: boolean; // posted and not marked for deletion
}

export interface DocumentStanding {
  /** The stage the lead's documents justify, or null when none does. */
  stageId: 'order' | 'invoice' | 'paid' | 'shipped' | null;
  invoicedKopecks: number;
  paidKopecks: number;
}

/**
 * The stage a lead's live documents justify: a shipment → shipped; payments covering the
 * invoices → paid (a partial payment leaves it at invoice, with the paid sum shown); an invoice
 * → invoice; an order → order.
 */
export function documentStanding(docs: WeighedDocument[]): DocumentStanding {
  const live = docs.filter((d) => d.live);
  const sum = (kinds: WeighedDocument['kind'][]) => live.filter((d) => kinds.includes(d.kind)).reduce((a, d) => a + d.amountKopecks, 0);
  const invoicedKopecks = sum(['invoice']);
  const paidKopecks = sum(['payment_bank', 'payment_cash']);
  const has = (kind: WeighedDocument['kind']) => live.some((d) => d.kind === kind);
  const stageId = has('shipment')
    ? 'shipped'
    : invoicedKopecks > 0 && paidKopecks >= invoicedKopecks
      ? 'paid'
      : has('invoice')
        ? 'invoice'
        : has('order')
          ? 'order'
          : null;
  return { stageId, invoicedKopecks, paidKopecks };
}
