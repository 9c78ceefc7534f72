// The retail flow as a user drives it: orders that ship, run out of stock, or fail payment.
import { randomUUID } from 'node:crypto';
import { eventName, type App } from './app';

type Line = { sku: string; quantity: number; unitPrice?: { amount: number; currency: string } };

export const LINES = {
  ships: [{ sku: 'SKU-BOOK', quantity: 2, unitPrice: { amount: 12.5, currency: 'EUR' } }],
  outOfStock: [
    { sku: 'SKU-MUG', quantity: 1, unitPrice: { amount: 8, currency: 'EUR' } },
    { sku: 'SKU-SOLD-OUT', quantity: 1 },
  ],
  declined: [{ sku: 'SKU-LAMP', quantity: 1, unitPrice: { amount: 4999, currency: 'EUR' } }],
} satisfies Record<string, Line[]>;

export async function placeOrder(app: App, lines: Line[], orderId: string = randomUUID(), customerId = 'customer-7'): Promise<string> {
  await app.send({ context: 'Ordering', type: 'PlaceOrder', data: { orderId, customerId, lines } });
  return orderId;
}

/** Event names of the whole flow of one order, in global order. */
export async function flowOf(app: App, orderId: string): Promise<string[]> {
  return (await app.events()).filter((event) => event.data.orderId === orderId).map(eventName);
}
