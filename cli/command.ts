import type { z } from "zod";
import type { DingTalkClient, DebugLogger } from "@/lib/dingtalk";
import type { ErrorCode } from "./failure";
import type { CliSettings } from "./settings";

/** What a command's `run` gets besides its validated input. */
export interface CommandContext {
  /** The DingTalk client, built on first use from the environment (fails with MISSING_CREDENTIALS). */
  client(overrides?: { agentId?: string }): DingTalkClient;
  settings: CliSettings;
  /** Set with `--debug`: receives every request and response, already redacted. */
  logger?: DebugLogger;
}

/**
 * One command of `dingtalk`: its input is a zod object whose keys are the positional arguments
 * (named in `positionals`, in order) and the `--options` (the other keys, written kebab-case).
 * Descriptions for `--help` come from each field's `.describe()`.
 */
export interface Command<S extends z.ZodObject = z.ZodObject> {
  name: string;
  summary: string;
  positionals?: readonly (keyof z.input<S> & string)[];
  input: S;
  examples?: readonly string[];
  /** False for commands that need no app credentials (a custom robot's webhook). */
  usesApp?: boolean;
  /** The code every failure past argument checks is reported under (the Stream check). */
  failureCode?: ErrorCode;
  run(ctx: CommandContext, input: z.output<S>): Promise<unknown>;
}

/** Keeps each command's input type while the table holds them all. */
export function defineCommand<S extends z.ZodObject>(command: Command<S>): Command {
  return command as unknown as Command;
}
