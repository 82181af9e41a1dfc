#!/usr/bin/env node
// `npx dingtalk <command>`: the command line runs the TypeScript sources through tsx, with the
// project's own tsconfig (for the `@/` alias) whatever the working directory.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../cli/main.ts");
