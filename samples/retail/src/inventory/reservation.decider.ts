// Created by eventmodel as a starting point for the Reservation aggregate of the Inventory context.
// This file is yours: eventmodel never overwrites it. Replace each "not implemented" with your logic;
// when the model gains a command or an event, the switches below stop compiling until you handle it.
import * as runtime from '../generated/runtime';
import type { ReservationState } from '../generated/inventory/types';
import type { ReservationCommand, ReservationEvent } from '../generated/inventory/messages';
import { totalOf } from '../ordering/money';
import { stockLevels } from './stock-levels';

/** The stock set aside for one order. An empty orderId: nothing decided yet. */
export function initialState(): ReservationState {
  return { orderId: '', status: 'Unavailable' };
}

/** Decides which events a command produces, given the current state. */
export function decide(command: ReservationCommand, state: ReservationState): ReservationEvent[] {
  const { type } = command;
  switch (type) {
    case 'ReserveStock': {
      if (state.orderId !== '') return []; // decided already
      const { orderId, lines } = command.data;
      const missingSkus = lines.filter((line) => (stockLevels[line.sku] ?? 0) < line.quantity).map((line) => line.sku);
      if (missingSkus.length > 0) return [{ type: 'StockNotAvailable', version: 1, data: { orderId, missingSkus } }];
      return [{ type: 'StockReserved', version: 1, data: { orderId, total: totalOf(lines) } }];
    }
    default:
      return runtime.unhandled(type, 'command');
  }
}

/** The state after an event. */
export function evolve(state: ReservationState, event: ReservationEvent): ReservationState {
  const { type } = event;
  switch (type) {
    case 'StockReserved':
      return { orderId: event.data.orderId, status: 'Reserved' };
    case 'StockNotAvailable':
      return { orderId: event.data.orderId, status: 'Unavailable' };
    default:
      return runtime.unhandled(type, 'event');
  }
}

export const reservationDecider: runtime.Decider<ReservationCommand, ReservationState, ReservationEvent> = { initialState, decide, evolve };
