// How long the emulator takes to build and serve an org, from 200 to 100,000 people.
// `npx tsx bench/emulator-startup.ts`. Each size is started in-process, answers one token
// request and one user list to prove it is serving, and is closed again.
import { performance } from "node:perf_hooks";
import { startEmulator } from "../emulator/server";

const SIZES: { users: number; departments?: number }[] = [{ users: 200 }, { users: 10_000, departments: 500 }, { users: 100_000 }];

async function measure(users: number, departments?: number) {
  const t0 = performance.now();
  const emu = await startEmulator({ port: 0, users, departments, seed: 1, qps: 0 });
  const listening = performance.now() - t0;
  const token = (await (await fetch(`${emu.url}/gettoken?appkey=${emu.appKey}&appsecret=${emu.appSecret}`)).json()) as { access_token: string };
  const list = await fetch(`${emu.url}/topapi/v2/user/list?access_token=${token.access_token}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ dept_id: 1, cursor: 0, size: 100 }),
  });
  if (!list.ok) throw new Error(`user list answered ${list.status}`);
  const serving = performance.now() - t0;
  await emu.close();
  return { users, departments: departments ?? "auto", listeningMs: Math.round(listening), firstAnswerMs: Math.round(serving) };
}

const rows = [];
for (const size of SIZES) rows.push(await measure(size.users, size.departments));
const base = rows[0];
console.table(
  rows.map((r) => ({
    ...r,
    "µs per person": Math.round((r.listeningMs * 1000) / r.users),
    "× the 200-person start": (r.listeningMs / Math.max(base.listeningMs, 1)).toFixed(1),
  })),
);
const big = rows.at(-1)!;
console.log(`100,000 people: serving after ${(big.firstAnswerMs / 1000).toFixed(2)} s (target: a few seconds)`);
