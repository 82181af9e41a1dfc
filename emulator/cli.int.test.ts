import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";

const LINES = ["DINGTALK_APP_KEY", "DINGTALK_APP_SECRET", "DINGTALK_CORP_ID", "DINGTALK_AGENT_ID", "EMULATOR_CONTROL_TOKEN", "EMULATOR_URL"];

describe("emulator CLI", () => {
  it("prints the credentials and the URL last, serves, and stops on SIGTERM", async () => {
    const child = spawn("npx", ["tsx", "emulator/main.ts", "--port", "0", "--users", "30", "--seed", "2", "--monthly-quota", "7"], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: npx does not pass SIGTERM on to tsx and node, the group gets it.
      detached: true,
    });
    const values = new Map<string, string>();
    const order: string[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no EMULATOR_URL within 30 s")), 30_000);
        child.once("exit", (code) => reject(new Error(`emulator exited early with ${code}`)));
        createInterface({ input: child.stdout }).on("line", (line) => {
          const [key, ...rest] = line.split("=");
          values.set(key, rest.join("="));
          order.push(key);
          if (key === "EMULATOR_URL") {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(order).toEqual(LINES);
      expect(values.get("DINGTALK_APP_KEY")).toMatch(/^ding[a-z0-9]{16}$/);
      const url = values.get("EMULATOR_URL") ?? "";
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const token = await fetch(`${url}/gettoken?appkey=${values.get("DINGTALK_APP_KEY")}&appsecret=${values.get("DINGTALK_APP_SECRET")}`).then((r) => r.json());
      expect(token.errcode).toBe(0);
      const org = await fetch(`${url}/__control/org`, { headers: { authorization: `Bearer ${values.get("EMULATOR_CONTROL_TOKEN")}` } }).then((r) => r.json());
      expect(org.userCount).toBe(30);
      const quota = await fetch(`${url}/__control/quota`, { headers: { authorization: `Bearer ${values.get("EMULATOR_CONTROL_TOKEN")}` } }).then((r) => r.json());
      expect(quota).toMatchObject({ quota: 7, used: 0 });
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      await exited;
    }
  });
});
