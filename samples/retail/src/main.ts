// Yours: `npm run sample` ends here. The retail flow end to end on the generated runtime, in memory
// (or on PostgreSQL with DATABASE_URL=postgresql://…): three orders — one ships, one is out of
// stock, one's payment is declined — then every event, the shipment, and each order's OrderSummary.
import { randomUUID } from 'node:crypto';
import { createApp } from './generated';
import type * as shared from './generated/shared-types';

const ORDERS: Record<string, [shared.OrderLine, ...shared.OrderLine[]]> = {
  ships: [{ sku: 'SKU-BOOK', quantity: 2, unitPrice: { amount: 12.5, currency: 'EUR' } }],
  'out of stock': [{ sku: 'SKU-SOLD-OUT', quantity: 1, unitPrice: { amount: 99, currency: 'EUR' } }],
  declined: [{ sku: 'SKU-LAMP', quantity: 1, unitPrice: { amount: 4999, currency: 'EUR' } }],
};

async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  // The model polls every 5 and 10 s; the demo does not wait that long.
  const app = createApp({ store: url ? { postgresql: url } : 'memory', pollIntervalMs: 100 });
  try {
    const ids = new Map<string, string>();
    for (const [name, lines] of Object.entries(ORDERS)) {
      const orderId = randomUUID();
      ids.set(name, orderId);
      await app.send({ context: 'Ordering', type: 'PlaceOrder', data: { orderId, customerId: 'customer-1', lines } });
    }
    await app.settle();

    const events = await app.events();
    console.log(`Events (${url ? 'PostgreSQL' : 'in memory'}), as CloudEvents:`);
    for (const event of events) console.log(`  ${event.type.padEnd(48)} ${String(event.subject ?? '').padEnd(52)} ${JSON.stringify(event.data)}`);
    for (const shipment of events.filter((event) => event.type.endsWith('.ShipmentCreated.v1'))) {
      console.log(`ShipmentCreated: ${JSON.stringify(shipment.data)} (correlation ${String(shipment['correlationid'])})`);
    }
    console.log('OrderSummary:');
    const summaries = app.readModel('Ordering.OrderSummary');
    for (const [name, orderId] of ids) console.log(`  ${name.padEnd(13)} ${JSON.stringify(await summaries.queries.GetOrderSummary(orderId))}`);
    const ofCustomer = await summaries.queries.OrdersOfCustomer({ customerId: 'customer-1' });
    console.log(
      `OrdersOfCustomer customer-1: ${ofCustomer
        .map((view) => view.status)
        .sort()
        .join(', ')}`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
