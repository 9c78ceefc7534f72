// Created by eventmodel as a starting point for the ShipPaidOrder policy of the Shipping context.
// This file is yours: eventmodel never overwrites it. The generated registry calls `react`.
import type { ShipPaidOrderInput, ShipPaidOrderOutput } from '../generated/shipping/policies';

/**
 * Reads: Payment.PaymentConfirmed v1.
 * Issues: Shipping.CreateShipment (delivery: poll; see ShipPaidOrderDelivery).
 */
export function react(event: ShipPaidOrderInput): ShipPaidOrderOutput | undefined {
  return { type: 'CreateShipment', data: { orderId: event.data.orderId } };
}
