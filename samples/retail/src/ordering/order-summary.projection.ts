// Created by eventmodel as a starting point for the OrderSummary read model of the Ordering context.
// This file is yours: eventmodel never overwrites it. The generated registry calls `initialView` and `project`.
import * as runtime from '../generated/runtime';
import type { OrderSummaryView } from '../generated/ordering/types';
import type { OrderSummaryInput } from '../generated/ordering/read-models';

type Status = OrderSummaryView['status'];

/** Statuses only move forward: events of different streams may be projected in any order. */
const RANK: Record<Status, number> = { Placed: 0, StockReserved: 1, Paid: 2, Shipped: 3, Cancelled: 4 };

function advance(view: OrderSummaryView, status: Status, fields: Partial<OrderSummaryView>): OrderSummaryView {
  return { ...view, ...fields, status: RANK[status] > RANK[view.status] ? status : view.status };
}

/** What the customer sees on the order page (a summary starts as Placed: whichever event comes first). */
export function initialView(): OrderSummaryView {
  return { orderId: '', status: 'Placed' };
}

/** The view after an event that feeds it. */
export function project(view: OrderSummaryView, event: OrderSummaryInput): OrderSummaryView {
  const { type } = event;
  switch (type) {
    case 'OrderPlaced':
      return advance(view, 'Placed', {
        orderId: event.data.orderId,
        customerId: event.data.customerId,
        total: event.data.total,
        lines: event.data.lines.length,
      });
    case 'OrderCancelled':
      return advance(view, 'Cancelled', { orderId: event.data.orderId, cancelReason: event.data.reason });
    case 'StockReserved':
      return advance(view, 'StockReserved', { orderId: event.data.orderId });
    case 'PaymentConfirmed':
      return advance(view, 'Paid', { orderId: event.data.orderId, paymentId: event.data.paymentId });
    case 'ShipmentCreated':
      return advance(view, 'Shipped', { orderId: event.data.orderId, trackingNumber: event.data.trackingNumber });
    default:
      return runtime.unhandled(type, 'event');
  }
}
