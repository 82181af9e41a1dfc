import { parseCommand } from "./builtin";
import type { Responder } from "./types";

/**
 * Slash commands always go to the built-in responder (they ask the org, not a model); other text
 * goes to the model when one is configured.
 */
export function routeResponders(builtin: Responder, model?: Responder): Responder {
  if (!model) return builtin;
  return {
    name: model.name,
    respond: (input) => (parseCommand(input.text) ? builtin.respond(input) : model.respond(input)),
    summarise: model.summarise,
  };
}
