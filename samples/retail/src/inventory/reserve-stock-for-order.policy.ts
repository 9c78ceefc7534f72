// Created by eventmodel as a starting point for the ReserveStockForOrder policy of the Inventory context.
// This file is yours: eventmodel never overwrites it. The generated registry calls `react`.
import type { ReserveStockForOrderInput, ReserveStockForOrderOutput } from '../generated/inventory/policies';

/**
 * Every new order reserves its lines.
 *
 * Reads: Ordering.OrderPlaced v3.
 * Issues: Inventory.ReserveStock (delivery: push; see ReserveStockForOrderDelivery).
 */
export function react(event: ReserveStockForOrderInput): ReserveStockForOrderOutput | undefined {
  return { type: 'ReserveStock', data: { orderId: event.data.orderId, lines: event.data.lines } };
}
