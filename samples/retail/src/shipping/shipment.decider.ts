// Created by eventmodel as a starting point for the Shipment aggregate of the Shipping context.
// This file is yours: eventmodel never overwrites it. Replace each "not implemented" with your logic;
// when the model gains a command or an event, the switches below stop compiling until you handle it.
import * as runtime from '../generated/runtime';
import type { ShipmentState } from '../generated/shipping/types';
import type { ShipmentCommand, ShipmentEvent } from '../generated/shipping/messages';

/** The shipment of one order. */
export function initialState(): ShipmentState {
  return {};
}

/** Decides which events a command produces, given the current state. */
export function decide(command: ShipmentCommand, state: ShipmentState): ShipmentEvent[] {
  const { type } = command;
  switch (type) {
    case 'CreateShipment': {
      if (state['trackingNumber'] !== undefined) return []; // shipped already
      const { orderId } = command.data;
      return [{ type: 'ShipmentCreated', version: 1, data: { orderId, trackingNumber: `TRK-${orderId.slice(0, 8).toUpperCase()}` } }];
    }
    default:
      return runtime.unhandled(type, 'command');
  }
}

/** The state after an event. */
export function evolve(state: ShipmentState, event: ShipmentEvent): ShipmentState {
  const { type } = event;
  switch (type) {
    case 'ShipmentCreated':
      return { ...state, trackingNumber: event.data.trackingNumber };
    default:
      return runtime.unhandled(type, 'event');
  }
}

export const shipmentDecider: runtime.Decider<ShipmentCommand, ShipmentState, ShipmentEvent> = { initialState, decide, evolve };
