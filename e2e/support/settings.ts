import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

export const E2E = {
  port: Number(process.env.E2E_PORT ?? 3100),
  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  },
  artifacts: path.join(root, "e2e", ".artifacts"),
};
