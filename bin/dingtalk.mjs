#!/usr/bin/env node
// `npx dingtalk <command>`: the command line runs the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
