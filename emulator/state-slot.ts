import type { EmulatorState } from "./state";

/**
 * State of a feature module (approvals, calendar, …) hung off the emulator's state without
 * the state knowing about it: created on first use, rebuilt on `/__control/reset`. `dispose`
 * releases what the old value holds (sockets, subscriptions) before its successor is built.
 */
export function stateSlot<T>(
  create: (state: EmulatorState) => T,
  options: { dispose?(old: T): void } = {},
): (state: EmulatorState) => T {
  const slots = new WeakMap<EmulatorState, { value: T }>();
  return (state) => {
    let slot = slots.get(state);
    if (!slot) {
      const fresh = { value: create(state) };
      slot = fresh;
      slots.set(state, fresh);
      state.onReset(() => {
        options.dispose?.(fresh.value);
        fresh.value = create(state);
      });
    }
    return slot.value;
  };
}
