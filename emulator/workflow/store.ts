import { eventBus } from "../events/bus";
import { stateSlot } from "../state-slot";
import { WorkflowEngine } from "./engine";
import { seedHistory } from "./seed";

/**
 * The emulator's approvals, created on first use with a seeded history and rebuilt on reset.
 * Seeding waits for the first approval call, so an emulator that never sees one pays nothing.
 */
export const workflowEngine = stateSlot((state) => {
  const engine = new WorkflowEngine({
    org: () => state.org,
    corpId: state.credentials.corpId,
    seed: state.options.seed,
    emit: (eventType, data) => {
      eventBus(state).emit(eventType, data);
    },
  });
  seedHistory(engine, state.org, state.options.seed, state.clock.now());
  return engine;
});
