import type { DebugLogger, DingTalkClient } from "@/lib/dingtalk";
import type { Command, CommandContext } from "./command";
import { COMMAND_GROUPS, findCommand, suggestCommand } from "./commands";
import { CliFailure, EXIT, toFailure } from "./failure";
import { commandHelp, generalHelp } from "./help";
import { bindArguments, splitGlobalOptions } from "./parse-args";
import { clientFrom, readSettings, type Environment } from "./settings";

export interface CliIO {
  env: Environment;
  /** Receives the one JSON document (or the help text). */
  stdout(text: string): void;
  /** Receives the debug log. */
  stderr(text: string): void;
}

export type CliOutcome = { success: true; data: unknown } | { success: false; error: { code: string; message: string; details?: Record<string, unknown> } };

function print(io: CliIO, outcome: CliOutcome): void {
  io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
}

function fail(io: CliIO, failure: CliFailure): number {
  print(io, { success: false, error: { code: failure.code, message: failure.message, ...(failure.details ? { details: failure.details } : {}) } });
  return failure.exitCode;
}

function contextFor(io: CliIO, debug: boolean): CommandContext {
  const settings = readSettings(io.env);
  const logger: DebugLogger | undefined = debug ? (entry) => io.stderr(`[dingtalk] ${JSON.stringify(entry)}\n`) : undefined;
  const clients = new Map<string, DingTalkClient>();
  return {
    settings,
    logger,
    client(overrides = {}) {
      const key = overrides.agentId ?? "";
      let client = clients.get(key);
      if (!client) {
        client = clientFrom(settings, { logger, agentId: overrides.agentId });
        clients.set(key, client);
      }
      return client;
    },
  };
}

async function execute(io: CliIO, command: Command, argv: string[], debug: boolean): Promise<number> {
  const input = bindArguments(command, argv);
  const ctx = contextFor(io, debug);
  if (command.usesApp !== false) ctx.client();
  let data: unknown;
  try {
    data = await command.run(ctx, input);
  } catch (error) {
    throw toFailure(error, command.failureCode);
  }
  print(io, { success: true, data: data ?? null });
  return EXIT.ok;
}

/** Runs `dingtalk <argv…>`: writes one JSON document (or help) and returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const { globals, rest } = splitGlobalOptions(argv);
  let [name, ...args] = rest;
  if (name === "help") {
    globals.help = true;
    [name, ...args] = args;
  }
  if (name === undefined) {
    if (globals.help) {
      io.stdout(generalHelp(COMMAND_GROUPS));
      return EXIT.ok;
    }
    return fail(io, new CliFailure("INVALID_ARGUMENTS", "no command given. Usage: dingtalk <command> [arguments]; run dingtalk --help for the list of commands"));
  }
  const command = findCommand(name);
  if (!command) {
    const guess = suggestCommand(name);
    return fail(io, new CliFailure("INVALID_ARGUMENTS", `unknown command "${name}"${guess ? ` (did you mean ${guess}?)` : ""}; run dingtalk --help for the list of commands`));
  }
  if (globals.help) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  try {
    return await execute(io, command, args, globals.debug);
  } catch (error) {
    return fail(io, toFailure(error));
  }
}
