import { z } from "zod";
import { describe, expect, it } from "vitest";
import { flag, optionalIdList, positiveInt, text } from "./arguments";
import { defineCommand } from "./command";
import { CliFailure } from "./failure";
import { commandHelp, usageLine } from "./help";
import { bindArguments, splitGlobalOptions } from "./parse-args";

const sample = defineCommand({
  name: "sample",
  summary: "a command for the parser's tests",
  positionals: ["deptId", "note"],
  input: z.object({
    deptId: positiveInt("a department id"),
    note: text("free text").optional(),
    users: optionalIdList("userIds"),
    all: flag("everyone"),
    language: z.enum(["zh_CN", "en_US"]).optional().describe("language"),
  }),
  run: async () => null,
});

function failure(argv: string[]): CliFailure {
  try {
    bindArguments(sample, argv);
  } catch (error) {
    if (error instanceof CliFailure) return error;
    throw error;
  }
  throw new Error(`expected ${argv.join(" ")} to be refused`);
}

describe("bindArguments", () => {
  it("binds positionals in order and kebab-case options, converting their values", () => {
    expect(bindArguments(sample, ["42", "hello", "--users", "a, b,,c", "--all", "--language=en_US"])).toEqual({
      deptId: 42, note: "hello", users: ["a", "b", "c"], all: true, language: "en_US",
    });
    expect(bindArguments(sample, ["7"])).toEqual({ deptId: 7, all: false });
  });

  it("takes --no-flag, --flag=false and everything after -- as given", () => {
    expect(bindArguments(sample, ["7", "--no-all"])).toMatchObject({ all: false });
    expect(bindArguments(sample, ["7", "--all=false"])).toMatchObject({ all: false });
    expect(bindArguments(sample, ["7", "--", "--all"])).toMatchObject({ note: "--all", all: false });
  });

  it("refuses what it cannot bind, naming the argument and showing the usage", () => {
    const cases: [string[], RegExp][] = [
      [[], /<deptId> is required/],
      [["x"], /<deptId> must be a whole number/],
      [["0"], /<deptId> must be at least 1/],
      [["1", "a", "b"], /unexpected argument "b"/],
      [["1", "--bogus"], /unknown option --bogus/],
      [["1", "--users"], /--users needs a value/],
      [["1", "--users", "a", "--users", "b"], /--users was given more than once/],
      [["1", "--all=yes"], /--all is a flag/],
      [["1", "--language", "fr"], /--language/],
    ];
    for (const [argv, pattern] of cases) {
      const error = failure(argv);
      expect(error.code).toBe("INVALID_ARGUMENTS");
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(pattern);
      expect(error.message).toContain("Usage: dingtalk sample <deptId> [<note>]");
    }
  });
});

describe("splitGlobalOptions", () => {
  it("takes --help, -h and --debug anywhere before --", () => {
    expect(splitGlobalOptions(["get-user", "--debug", "u1", "-h"])).toEqual({ globals: { help: true, debug: true }, rest: ["get-user", "u1"] });
    expect(splitGlobalOptions(["x", "--", "--help"])).toEqual({ globals: { help: false, debug: false }, rest: ["x", "--", "--help"] });
  });
});

describe("help", () => {
  it("writes the usage from the schema: required and optional arguments, flags, enum choices", () => {
    expect(usageLine(sample)).toBe("dingtalk sample <deptId> [<note>] [--users <users>] [--all] [--language <zh_CN|en_US>]");
    const help = commandHelp(sample);
    expect(help).toContain("a department id");
    expect(help).toContain("--debug");
  });
});
