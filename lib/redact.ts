// One place that decides what counts as a secret, shared by the DingTalk client's
// debug log and the audit log, so the two can never disagree.

const SECRET_KEY = /(secret|password|passwd|token|sign(ature)?|aes_?key|authorization|cookie|credential|ticket|api_?key|code)$/i;

// Keys that end in "code" but are identifiers, not secrets.
const NOT_SECRET = /^(process_?code|robot_?code|dept_?code|error_?code|errcode|status_?code|msg_?code|cool_?app_?code|country_?code|state_?code|code)$/i;

export const REDACTED = "[redacted]";

export function isSecretKey(key: string): boolean {
  if (NOT_SECRET.test(key)) return false;
  return SECRET_KEY.test(key);
}

/** A deep copy of `value` with every secret-looking field replaced. */
export function redactObject<T>(value: T, depth = 0): T {
  if (depth > 12 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactObject(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = isSecretKey(k) && v !== undefined && v !== null && v !== "" ? REDACTED : redactObject(v, depth + 1);
  }
  return out as T;
}

/** The URL with secret query parameters (access_token, appsecret, sign, …) replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) {
    if (isSecretKey(key) || key === "appsecret" || key === "access_token") params.set(key, REDACTED);
  }
  return `${url.slice(0, q)}?${params.toString()}`;
}

/** Header map with credentials replaced. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = isSecretKey(k) ? REDACTED : v;
  return out;
}
