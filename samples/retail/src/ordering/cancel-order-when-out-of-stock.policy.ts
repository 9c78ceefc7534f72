// Created by eventmodel as a starting point for the CancelOrderWhenOutOfStock policy of the Ordering context.
// This file is yours: eventmodel never overwrites it. The generated registry calls `react`.
import type { CancelOrderWhenOutOfStockInput, CancelOrderWhenOutOfStockOutput } from '../generated/ordering/policies';

/**
 * An order whose stock cannot be reserved is cancelled.
 *
 * Reads: Inventory.StockNotAvailable v1.
 * Issues: Ordering.CancelOrder (delivery: push; see CancelOrderWhenOutOfStockDelivery).
 */
export function react(event: CancelOrderWhenOutOfStockInput): CancelOrderWhenOutOfStockOutput | undefined {
  return { type: 'CancelOrder', data: { orderId: event.data.orderId, reason: `Out of stock: ${event.data.missingSkus.join(', ')}` } };
}
