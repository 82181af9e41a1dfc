import type { z } from "zod";
import type { Command } from "./command";
import { descriptionOf, isFlag, isRequired, kebab, placeholderOf } from "./schema-info";

export interface CommandGroup {
  title: string;
  commands: readonly Command[];
}

interface Field {
  key: string;
  schema: z.ZodType;
}

function fields(command: Command): { positionals: Field[]; options: Field[] } {
  const shape = command.input.shape as Record<string, z.ZodType>;
  const positionalKeys = command.positionals ?? [];
  return {
    positionals: positionalKeys.map((key) => ({ key, schema: shape[key] })),
    options: Object.keys(shape)
      .filter((key) => !positionalKeys.includes(key))
      .map((key) => ({ key, schema: shape[key] })),
  };
}

function optionSpelling({ key, schema }: Field): string {
  return isFlag(schema) ? `--${kebab(key)}` : `--${kebab(key)} ${placeholderOf(schema, kebab(key))}`;
}

/** `dingtalk get-user <userId> [--language <zh_CN|en_US>]` */
export function usageLine(command: Command): string {
  const { positionals, options } = fields(command);
  const parts = [`dingtalk ${command.name}`];
  for (const p of positionals) parts.push(isRequired(p.schema) ? `<${p.key}>` : `[<${p.key}>]`);
  for (const o of options) parts.push(isRequired(o.schema) ? optionSpelling(o) : `[${optionSpelling(o)}]`);
  return parts.join(" ");
}

function table(rows: [string, string][]): string[] {
  const width = Math.min(34, Math.max(...rows.map(([left]) => left.length)) + 2);
  return rows.map(([left, right]) => `  ${left.length + 2 > width ? `${left}  ` : left.padEnd(width)}${right}`.trimEnd());
}

const GLOBAL_ROWS: [string, string][] = [
  ["--debug", "print every request and response to stderr, secrets redacted"],
  ["--help, -h", "show this help"],
];

export function commandHelp(command: Command): string {
  const { positionals, options } = fields(command);
  const lines = [`dingtalk ${command.name}: ${command.summary}`, "", `Usage: ${usageLine(command)}`];
  if (positionals.length > 0) {
    lines.push("", "Arguments:", ...table(positionals.map((p) => [`<${p.key}>`, descriptionOf(p.schema)])));
  }
  lines.push("", "Options:", ...table([...options.map((o): [string, string] => [optionSpelling(o), descriptionOf(o.schema)]), ...GLOBAL_ROWS]));
  if (command.examples?.length) lines.push("", "Examples:", ...command.examples.map((e) => `  ${e}`));
  lines.push("", "Output: one JSON document on stdout, {\"success\":true,\"data\":…} or {\"success\":false,\"error\":{\"code\",\"message\"}}.");
  return `${lines.join("\n")}\n`;
}

export function generalHelp(groups: readonly CommandGroup[]): string {
  const lines = [
    "dingtalk: the DingTalk Open Platform from a terminal, for people, scripts and AI agents.",
    "",
    "Usage: dingtalk <command> [arguments] [--debug]     dingtalk <command> --help",
  ];
  for (const group of groups) {
    lines.push("", `${group.title}:`, ...table(group.commands.map((c) => [c.name, c.summary])));
  }
  lines.push(
    "",
    "Environment (also read from ./.env):",
    ...table([
      ["DINGTALK_APP_KEY, DINGTALK_APP_SECRET", "the app's credentials (required, except for webhook-send)"],
      ["DINGTALK_AGENT_ID", "the app's AgentId, for work notifications"],
      ["DINGTALK_OPERATOR_ID", "default unionId that document commands act as"],
      ["DINGTALK_OAPI_BASE, DINGTALK_API_BASE, DINGTALK_LOGIN_BASE", "DingTalk's hosts (default https://oapi|api|login.dingtalk.com)"],
    ]),
    "",
    "Output: one JSON document on stdout: {\"success\":true,\"data\":…} or {\"success\":false,\"error\":{\"code\",\"message\"}}.",
    "Error codes: MISSING_CREDENTIALS, INVALID_ARGUMENTS (exit 2), AUTH_FAILED, PERMISSION_DENIED, RATE_LIMITED, QUOTA_EXCEEDED, UNKNOWN_ERROR, STREAM_CONNECTION_FAILED (exit 1).",
  );
  return `${lines.join("\n")}\n`;
}
