// Created by eventmodel as a starting point for the CancelOrderWhenPaymentFails policy of the Ordering context.
// This file is yours: eventmodel never overwrites it. The generated registry calls `react`.
import type { CancelOrderWhenPaymentFailsInput, CancelOrderWhenPaymentFailsOutput } from '../generated/ordering/policies';

/**
 * Reads: Payment.PaymentFailed v1.
 * Issues: Ordering.CancelOrder (delivery: poll; see CancelOrderWhenPaymentFailsDelivery).
 */
export function react(event: CancelOrderWhenPaymentFailsInput): CancelOrderWhenPaymentFailsOutput | undefined {
  return { type: 'CancelOrder', data: { orderId: event.data.orderId, reason: `Payment failed: ${event.data.reason}` } };
}
