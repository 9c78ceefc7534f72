// Created by eventmodel as a starting point for the Payment aggregate of the Payment context.
// This file is yours: eventmodel never overwrites it. Replace each "not implemented" with your logic;
// when the model gains a command or an event, the switches below stop compiling until you handle it.
import * as runtime from '../generated/runtime';
import type { PaymentState } from '../generated/payment/types';
import type { PaymentCommand, PaymentEvent } from '../generated/payment/messages';

/** The sample's card limit: larger amounts are declined. */
export const CARD_LIMIT = 1000;

/** The payment of one order. */
export function initialState(): PaymentState {
  return {};
}

/** Decides which events a command produces, given the current state. */
export function decide(command: PaymentCommand, state: PaymentState): PaymentEvent[] {
  const { type } = command;
  switch (type) {
    case 'ProcessPayment': {
      if (state['outcome'] !== undefined) return []; // charged (or declined) already
      const { orderId, amount } = command.data;
      if (amount.amount > CARD_LIMIT) return [{ type: 'PaymentFailed', version: 1, data: { orderId, reason: 'Declined' } }];
      return [{ type: 'PaymentConfirmed', version: 1, data: { orderId, paymentId: `pay-${orderId}` } }];
    }
    default:
      return runtime.unhandled(type, 'command');
  }
}

/** The state after an event. */
export function evolve(state: PaymentState, event: PaymentEvent): PaymentState {
  const { type } = event;
  switch (type) {
    case 'PaymentConfirmed':
      return { ...state, outcome: 'confirmed', paymentId: event.data.paymentId };
    case 'PaymentFailed':
      return { ...state, outcome: 'failed', reason: event.data.reason };
    default:
      return runtime.unhandled(type, 'event');
  }
}

export const paymentDecider: runtime.Decider<PaymentCommand, PaymentState, PaymentEvent> = { initialState, decide, evolve };
