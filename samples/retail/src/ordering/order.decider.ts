// Created by eventmodel as a starting point for the Order aggregate of the Ordering context.
// This file is yours: eventmodel never overwrites it. Replace each "not implemented" with your logic;
// when the model gains a command or an event, the switches below stop compiling until you handle it.
import { IllegalStateError } from '@event-driven-io/emmett';
import * as runtime from '../generated/runtime';
import type { OrderState } from '../generated/ordering/types';
import type { OrderCommand, OrderEvent } from '../generated/ordering/messages';
import { totalOf } from './money';

/** One customer order. An empty orderId means the order was never placed. */
export function initialState(): OrderState {
  return { orderId: '', status: 'Pending' };
}

/** Decides which events a command produces, given the current state. */
export function decide(command: OrderCommand, state: OrderState): OrderEvent[] {
  const { type } = command;
  switch (type) {
    case 'PlaceOrder': {
      const { orderId, customerId, lines } = command.data;
      // IllegalStateError: a rejection, not retried by deliveries.
      if (state.orderId !== '') throw new IllegalStateError(`Order ${orderId} was placed already.`);
      return [{ type: 'OrderPlaced', version: 3, data: { orderId, customerId, lines, total: totalOf(lines) } }];
    }
    case 'CancelOrder': {
      const { orderId, reason } = command.data;
      if (state.orderId === '') throw new IllegalStateError(`Order ${orderId} does not exist.`);
      if (state.status === 'Cancelled' || state.status === 'Shipped') return [];
      return [{ type: 'OrderCancelled', version: 1, data: { orderId, reason } }];
    }
    default:
      return runtime.unhandled(type, 'command');
  }
}

/** The state after an event. */
export function evolve(state: OrderState, event: OrderEvent): OrderState {
  const { type } = event;
  switch (type) {
    case 'OrderPlaced':
      return { orderId: event.data.orderId, status: 'Pending' };
    case 'OrderCancelled':
      return { ...state, status: 'Cancelled' };
    default:
      return runtime.unhandled(type, 'event');
  }
}

export const orderDecider: runtime.Decider<OrderCommand, OrderState, OrderEvent> = { initialState, decide, evolve };
