// Created by eventmodel as a starting point for the ChargeReservedOrder policy of the Payment context.
// This file is yours: eventmodel never overwrites it. The generated registry calls `react`.
import type { ChargeReservedOrderInput, ChargeReservedOrderOutput } from '../generated/payment/policies';

/**
 * Reads: Inventory.StockReserved v1.
 * Issues: Payment.ProcessPayment (delivery: push; see ChargeReservedOrderDelivery).
 */
export function react(event: ChargeReservedOrderInput): ChargeReservedOrderOutput | undefined {
  return { type: 'ProcessPayment', data: { orderId: event.data.orderId, amount: event.data.total } };
}
