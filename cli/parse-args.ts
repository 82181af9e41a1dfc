import type { z } from "zod";
import type { Command } from "./command";
import { CliFailure } from "./failure";
import { usageLine } from "./help";
import { isFlag, kebab } from "./schema-info";

/** Options every command takes, handled before the command's own arguments. */
export interface GlobalOptions {
  help: boolean;
  debug: boolean;
}

/** Pulls `--help`/`-h` and `--debug` out of argv (up to a `--`, after which everything is an argument). */
export function splitGlobalOptions(argv: readonly string[]): { globals: GlobalOptions; rest: string[] } {
  const globals: GlobalOptions = { help: false, debug: false };
  const rest: string[] = [];
  let literal = false;
  for (const token of argv) {
    if (!literal && (token === "--help" || token === "-h")) globals.help = true;
    else if (!literal && token === "--debug") globals.debug = true;
    else {
      if (token === "--") literal = true;
      rest.push(token);
    }
  }
  return { globals, rest };
}

function usageError(command: Command, problem: string): CliFailure {
  const usage = usageLine(command);
  return new CliFailure("INVALID_ARGUMENTS", `${problem}. Usage: ${usage} (see dingtalk ${command.name} --help)`, { usage });
}

/** Splits argv into positional values and option values, knowing which options are flags. */
function tokenize(command: Command, argv: readonly string[]): Record<string, unknown> {
  const shape = command.input.shape as Record<string, z.ZodType>;
  const positionalKeys = command.positionals ?? [];
  const optionKeys = new Map(
    Object.keys(shape)
      .filter((key) => !positionalKeys.includes(key))
      .map((key) => [kebab(key), key] as const),
  );
  const raw: Record<string, unknown> = {};
  const positionals: string[] = [];
  let literal = false;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (literal || !token.startsWith("-") || token === "-" || /^-\d/.test(token)) {
      positionals.push(token);
      continue;
    }
    if (token === "--") {
      literal = true;
      continue;
    }
    const eq = token.indexOf("=");
    const name = (eq >= 0 ? token.slice(0, eq) : token).replace(/^--?/, "");
    const inline = eq >= 0 ? token.slice(eq + 1) : undefined;
    const negated = name.startsWith("no-") && optionKeys.has(name.slice(3)) && isFlag(shape[optionKeys.get(name.slice(3)) as string]);
    const key = optionKeys.get(negated ? name.slice(3) : name);
    if (!key) throw usageError(command, `unknown option ${token.split("=")[0]}`);
    if (key in raw) throw usageError(command, `--${kebab(key)} was given more than once`);
    if (isFlag(shape[key])) {
      if (inline !== undefined && inline !== "true" && inline !== "false") throw usageError(command, `--${kebab(key)} is a flag: give it without a value, or =true / =false`);
      raw[key] = negated ? false : inline !== "false";
      continue;
    }
    if (negated) throw usageError(command, `--${name} is not a flag`);
    if (inline !== undefined) raw[key] = inline;
    else if (i + 1 < argv.length) raw[key] = argv[++i];
    else throw usageError(command, `--${kebab(key)} needs a value`);
  }

  if (positionals.length > positionalKeys.length) {
    const extra = positionals.slice(positionalKeys.length).map((p) => JSON.stringify(p)).join(" ");
    throw usageError(command, `unexpected argument${positionals.length - positionalKeys.length > 1 ? "s" : ""} ${extra}`);
  }
  positionals.forEach((value, index) => {
    raw[positionalKeys[index]] = value;
  });
  return raw;
}

function nameOf(command: Command, key: string): string {
  return (command.positionals ?? []).includes(key) ? `<${key}>` : `--${kebab(key)}`;
}

/** The command's validated input from argv; an INVALID_ARGUMENTS failure names what is wrong and shows the usage. */
export function bindArguments(command: Command, argv: readonly string[]): z.output<Command["input"]> {
  const raw = tokenize(command, argv);
  const parsed = command.input.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 3).map((issue) => {
    const key = issue.path.length > 0 ? String(issue.path[0]) : undefined;
    const missing = key !== undefined && raw[key] === undefined && issue.code === "invalid_type";
    if (key === undefined) return issue.message;
    return `${nameOf(command, key)} ${missing ? "is required" : issue.message}`;
  });
  throw usageError(command, problems.join("; "));
}
