import { stateSlot } from "../state-slot";
import { seedDocs } from "./seed";
import { DocsStore } from "./store";

/** The emulator's knowledge base, seeded from the org and rebuilt on reset. */
export const docsStore = stateSlot((state) => {
  const store = new DocsStore(state.options.seed, () => state.clock.now());
  seedDocs(store, state.org, state.clock.now());
  return store;
});
