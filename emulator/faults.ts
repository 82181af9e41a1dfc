import { z } from "zod";

export const oapiFaultErrorSchema = z.object({
  errcode: z.number().int(),
  errmsg: z.string().optional(),
  // topapi's wrapped form: errcode 88 with the meaningful code here.
  sub_code: z.string().optional(),
  sub_msg: z.string().optional(),
});
export const apiFaultErrorSchema = z.object({
  status: z.number().int().min(400).max(599),
  code: z.string().min(1),
  message: z.string().optional(),
});

export const faultSpecSchema = z
  .object({
    path: z.string().startsWith("/", "path must start with /"),
    method: z.string().toUpperCase().optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    error: z.union([oapiFaultErrorSchema, apiFaultErrorSchema]).optional(),
    times: z.number().int().min(1).optional(),
    drop: z.boolean().optional(),
  })
  .refine((f) => f.latencyMs !== undefined || f.error !== undefined || f.drop === true, {
    message: "a fault needs latencyMs, error or drop",
  });

export type FaultSpec = z.infer<typeof faultSpecSchema>;
export type FaultError = NonNullable<FaultSpec["error"]>;

interface ActiveFault {
  readonly id: string;
  readonly spec: FaultSpec;
  remaining: number | null;
}

/** What the matching faults ask of one call. */
export interface FaultOutcome {
  latencyMs: number;
  drop: boolean;
  error: FaultError | null;
}

/**
 * Faults keyed by path ("/topapi/v2/user/get", or a prefix ending in "*"), optionally by method.
 * `times` counts matching calls, whether or not the error rate fired on them.
 */
export class FaultTable {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): string {
    const id = `fault-${this.nextId++}`;
    this.faults.push({ id, spec, remaining: spec.times ?? null });
    return id;
  }

  clear(): void {
    this.faults = [];
  }

  get size(): number {
    return this.faults.length;
  }

  apply(method: string, path: string, random: () => number = Math.random): FaultOutcome | null {
    if (this.faults.length === 0) return null;
    const outcome: FaultOutcome = { latencyMs: 0, drop: false, error: null };
    let matched = false;
    for (const fault of this.faults) {
      if (!matches(fault.spec, method, path)) continue;
      matched = true;
      if (fault.remaining !== null) fault.remaining--;
      outcome.latencyMs += fault.spec.latencyMs ?? 0;
      if (outcome.drop || outcome.error) continue;
      const fires = random() < (fault.spec.errorRate ?? 1);
      if (fault.spec.drop && fires) outcome.drop = true;
      else if (fault.spec.error && fires) outcome.error = fault.spec.error;
    }
    this.faults = this.faults.filter((f) => f.remaining === null || f.remaining > 0);
    return matched ? outcome : null;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method && spec.method !== method) return false;
  return spec.path.endsWith("*") ? path.startsWith(spec.path.slice(0, -1)) : spec.path === path;
}
