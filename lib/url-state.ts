import { z } from "zod";

// A page's URL is its state (filters, sort, page). Every page and route reads its query string
// through `urlState`, which turns each parameter's raw text into a typed value with zod:
//   - for pages (`parse`), anything malformed or out of range is clamped or falls back to its
//     default, because URLs come from links, bookmarks and hand-typing, and a page should still show;
//   - for routes (`parseRoute`), a bad value is answered with HTTP 400 naming the parameter.
// Text is trimmed, loses control characters (NUL breaks PostgreSQL text) and is capped; whole
// numbers stay within bounds (an id beyond a 32-bit integer breaks the database's Int columns).
//
//   const listState = urlState({ q: param.text({ max: 100 }), page: param.page(), sort: param.oneOf(["name", "at"], "name") });
//   const state = listState.parse(await searchParams);            // page: typed, never throws
//   const found = listState.parseRoute(new URL(request.url).searchParams);
//   if (!found.ok) return found.response;                         // route: 400
//   listState.href("/list", state, { page: 2 });                  // link keeping the state, defaults left out

/** What Next hands a page as `searchParams`, or a route's `URL.searchParams`. */
export type SearchParamsInput = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

type Mode = "page" | "route";

/** The reading of one raw value: a value, a value with a problem (clamped or cut), or only a problem. */
type Reading<T> = { value: T; problem?: string } | { problem: string };

/** One URL parameter: how its raw text becomes a typed value and how that value is written back. */
export interface UrlParam<T> {
  /** The zod schema of this parameter for pages (lenient) or routes (strict). */
  schema(mode: Mode): z.ZodType<T, string | undefined>;
  /** The value's text in a link, or undefined to leave it out (it is the default). */
  format(value: T): string | undefined;
}

interface Fallbacks<T> {
  /** The value when the parameter is absent or empty. */
  fallback: T;
  /** The value a page gets for a malformed one (default: `fallback`). */
  invalid?: T;
}

function makeParam<T>(read: (raw: string) => Reading<T>, { fallback, invalid = fallback }: Fallbacks<T>, write: (value: T) => string = String): UrlParam<T> {
  return {
    schema: (mode) =>
      z
        .string()
        .optional()
        .transform((raw, ctx): T => {
          if (raw === undefined || cleanText(raw) === "") return fallback;
          const reading = read(raw);
          if (reading.problem !== undefined && mode === "route") {
            ctx.addIssue({ code: "custom", message: reading.problem });
            return fallback;
          }
          return "value" in reading ? reading.value : invalid;
        }),
    format: (value) => (value === undefined || value === null || value === fallback ? undefined : write(value)),
  };
}

// Cc: C0 controls (NUL included), DEL and C1 controls; none belongs in a search or a filter.
const CONTROL_CHARS = /\p{Cc}/gu;

/** Text as every parameter sees it: control characters out, trimmed. */
export function cleanText(raw: string): string {
  return raw.replace(CONTROL_CHARS, "").trim();
}

/** The largest value of a 32-bit signed integer, the range of the databases' Int columns. */
export const MAX_INT32 = 2_147_483_647;

interface IntOptions<F> {
  min: number;
  max: number;
  fallback?: F;
  invalid?: F;
  /** Out of range: clamp into [min, max] (true, the default) or treat as malformed (false). */
  clamp?: boolean;
}

function intParam<F extends number | undefined = undefined>(opts: IntOptions<F>): UrlParam<number | F> {
  const { min, max, clamp = true } = opts;
  const expected = `a whole number from ${min} to ${max}`;
  return makeParam<number | F>(
    (raw) => {
      const text = cleanText(raw);
      // Plain decimal digits only: "1e30", "Infinity", "0x10", "2.5" are not page numbers or ids.
      if (!/^[+-]?\d+$/.test(text)) return { problem: expected };
      const n = Number(text);
      if (n >= min && n <= max) return { value: n };
      return clamp ? { value: Math.min(max, Math.max(min, n)), problem: expected } : { problem: expected };
    },
    { fallback: opts.fallback as F, invalid: opts.invalid },
  );
}

function textParam<F extends string | undefined = undefined>(opts: { max: number; fallback?: F; invalid?: F }): UrlParam<string | F> {
  return makeParam<string | F>(
    (raw) => {
      const text = cleanText(raw);
      const chars = [...text];
      if (chars.length <= opts.max) return text === raw.trim() ? { value: text } : { value: text, problem: "control characters are not allowed" };
      return { value: chars.slice(0, opts.max).join("").trim(), problem: `at most ${opts.max} characters` };
    },
    { fallback: opts.fallback as F, invalid: opts.invalid },
  );
}

function oneOfParam<const V extends readonly [string, ...string[]], F extends V[number] | undefined = undefined>(values: V, fallback?: F, invalid?: F): UrlParam<V[number] | F> {
  return makeParam<V[number] | F>(
    (raw) => {
      const text = cleanText(raw);
      return (values as readonly string[]).includes(text) ? { value: text as V[number] } : { problem: `one of ${values.join(", ")}` };
    },
    { fallback: fallback as F, invalid },
  );
}

/** "1" true, "0" false, absent undefined (no filter). */
function flagParam(): UrlParam<boolean | undefined> {
  return makeParam<boolean | undefined>(
    (raw) => {
      const text = cleanText(raw);
      return text === "1" ? { value: true } : text === "0" ? { value: false } : { problem: "1 or 0" };
    },
    { fallback: undefined },
    (v) => (v ? "1" : "0"),
  );
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

function isRealDay(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/** A calendar day "yyyy-MM-dd" that exists. */
function dayParam<F extends string | undefined | null = undefined>(opts: { fallback?: F; invalid?: F } = {}): UrlParam<string | F> {
  return makeParam<string | F>(
    (raw) => {
      const m = DAY.exec(cleanText(raw));
      return m && isRealDay(m[1], m[2], m[3]) ? { value: m[0] } : { problem: "a day as yyyy-MM-dd" };
    },
    { fallback: opts.fallback as F, invalid: opts.invalid },
  );
}

/** A day or a day and time to the minute, "yyyy-MM-dd" or "yyyy-MM-ddTHH:mm" (a datetime-local input). */
function dateTimeParam(): UrlParam<string | undefined> {
  return makeParam<string | undefined>(
    (raw) => {
      const m = DAY_TIME.exec(cleanText(raw));
      const timeOk = !m || m[4] === undefined || (Number(m[4]) < 24 && Number(m[5]) < 60);
      return m && isRealDay(m[1], m[2], m[3]) && timeOk ? { value: m[0] } : { problem: "a time as yyyy-MM-dd or yyyy-MM-ddTHH:mm" };
    },
    { fallback: undefined },
  );
}

/** The kinds of URL parameter. */
export const param = {
  int: intParam,
  /** A database id (department, …): a positive 32-bit integer; anything else is dropped. */
  id: <F extends number | undefined = undefined>(fallback?: F) => intParam<F>({ min: 1, max: MAX_INT32, fallback, clamp: false }),
  /** A 1-based page number, clamped into [1, max]. */
  page: (max = 100_000) => intParam({ min: 1, max, fallback: 1 }),
  text: textParam,
  oneOf: oneOfParam,
  flag: flagParam,
  day: dayParam,
  dateTime: dateTimeParam,
};

export type UrlShape = Record<string, UrlParam<never> | UrlParam<unknown>>;
export type UrlStateOf<S extends UrlShape> = { [K in keyof S]: S[K] extends UrlParam<infer T> ? T : never };

export interface UrlIssue {
  param: string;
  message: string;
}

export type RouteParse<T> = { ok: true; state: T } | { ok: false; issues: UrlIssue[]; response: Response };

/** A query string's parameters as the schemas read them; a repeated parameter is a route's problem. */
function flatten(input: SearchParamsInput, keys: readonly string[]): { values: Record<string, string | undefined>; repeated: string[] } {
  const values: Record<string, string | undefined> = {};
  const repeated: string[] = [];
  for (const key of keys) {
    const all = input instanceof URLSearchParams ? input.getAll(key) : ([] as string[]).concat(input[key] ?? []);
    values[key] = all[0];
    if (all.length > 1) repeated.push(key);
  }
  return { values, repeated };
}

/** The answer to a route's bad query string: 400 with the parameters at fault, as JSON. */
export function badQueryResponse(issues: readonly UrlIssue[]): Response {
  const error = `Invalid query string: ${issues.map((i) => `${i.param}: ${i.message}`).join("; ")}`;
  return Response.json({ error, issues }, { status: 400, headers: { "cache-control": "no-store" } });
}

/** The URL state of one page or route: its parameters, how to read them and how to link to a changed state. */
export function urlState<S extends UrlShape>(shape: S) {
  type State = UrlStateOf<S>;
  const keys = Object.keys(shape);
  const schemas = (mode: Mode) => z.object(Object.fromEntries(keys.map((k) => [k, (shape[k] as UrlParam<unknown>).schema(mode)])));
  const pageSchema = schemas("page");
  const routeSchema = schemas("route");
  return {
    shape,
    /** For pages: always a state; what is malformed or out of range is clamped or falls back. */
    parse(input: SearchParamsInput): State {
      return pageSchema.parse(flatten(input, keys).values) as State;
    },
    /** For routes: the state, or the issues and a 400 response to return as is. */
    parseRoute(input: SearchParamsInput): RouteParse<State> {
      const { values, repeated } = flatten(input, keys);
      const parsed = routeSchema.safeParse(values);
      const issues: UrlIssue[] = repeated.map((p) => ({ param: p, message: "given more than once" }));
      if (!parsed.success) issues.push(...parsed.error.issues.map((i) => ({ param: String(i.path[0] ?? ""), message: i.message })));
      if (issues.length > 0) return { ok: false, issues, response: badQueryResponse(issues) };
      return { ok: true, state: parsed.data as State };
    },
    /** A link to `base` with `state` changed by `change`; values equal to their default are left out. */
    href(base: string, state: State, change: Partial<State> = {}): string {
      const merged = { ...state, ...change };
      const params = new URLSearchParams();
      for (const k of keys) {
        const text = (shape[k] as UrlParam<unknown>).format(merged[k]);
        if (text !== undefined && text !== "") params.set(k, text);
      }
      const s = params.toString();
      return s ? `${base}?${s}` : base;
    },
  };
}

/**
 * A dynamic path segment (the id in /directory/<userId>) as text, or null when it cannot be one:
 * a broken %-escape, a control character, or longer than `max`. Pages answer null with notFound().
 */
export function pathSegment(raw: string, max = 200): string | null {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return text === "" || text.length > max || /\p{Cc}/u.test(text) ? null : text;
}
