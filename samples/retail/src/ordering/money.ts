// Yours: a helper of the sample's deciders and upcaster.
import { IllegalStateError } from '@event-driven-io/emmett';
import type * as shared from '../generated/shared-types';

/** The sum of the priced lines; unpriced lines count as free. One currency per order. */
export function totalOf(lines: readonly shared.OrderLine[], defaultCurrency = 'EUR'): shared.Money {
  const currencies = new Set(lines.flatMap((line) => (line.unitPrice ? [line.unitPrice.currency] : [])));
  if (currencies.size > 1) throw new IllegalStateError(`An order is paid in one currency, not ${[...currencies].join(' and ')}.`);
  const amount = lines.reduce((sum, line) => sum + (line.unitPrice ? line.unitPrice.amount * line.quantity : 0), 0);
  return { amount: Math.round(amount * 100) / 100, currency: [...currencies][0] ?? defaultCurrency };
}
