import { z } from "zod";
import { faultSpecSchema } from "../faults";

/** Shapes of the control API, shared by its routes and by `EmulatorControl`. */
export const advanceClockBody = z.object({ advanceSeconds: z.number().min(0) });
export const expireTokensBody = z.object({ kind: z.enum(["app", "user", "all"]).default("all") });
export const qpsBody = z.object({
  default: z.number().int().min(0).optional(),
  perPath: z.record(z.string().startsWith("/"), z.number().int().min(0)).optional(),
  /** Which 403 code the api host refuses with. */
  apiRefusal: z.enum(["QpsLimitForApi", "QpsLimitForAppkeyAndApi"]).optional(),
});
/** Sets the org's monthly quota (null: off) and/or presets the month's used count. */
export const quotaBody = z
  .object({ quota: z.number().int().min(0).nullable().optional(), used: z.number().int().min(0).optional() })
  .refine((b) => b.quota !== undefined || b.used !== undefined, { message: "give quota, used or both" });
export const orgUsersQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  admin: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
});
export { faultSpecSchema };

export type FaultInput = z.input<typeof faultSpecSchema>;
export type QpsChange = z.input<typeof qpsBody>;
export type QuotaChange = z.input<typeof quotaBody>;
export type { QuotaSnapshot } from "../limits/monthly-quota";
export type TokenKindToExpire = "app" | "user" | "all";

/**
 * Every request that reached the emulator, per "METHOD /path", whatever came of it (token calls,
 * refusals and injected faults included). What DingTalk meters is `/quota`'s `used` and `byPath`.
 */
export interface ControlStats {
  calls: Record<string, number>;
  tokensIssued: { oapi: number; api: number; user: number };
}

export interface OrgAdmin {
  userId: string;
  unionId: string;
  name: string;
  mobile: string;
  sysLevel: 1 | 2;
}

export interface OrgSummary {
  corpId: string;
  userCount: number;
  activeUserCount: number;
  departmentCount: number;
  admins: OrgAdmin[];
}

export interface OrgUserRow {
  userId: string;
  unionId: string;
  name: string;
  mobile: string;
  email: string;
  title: string;
  deptIdList: number[];
  managerUserId: string | null;
  active: boolean;
  admin: boolean;
}

export interface OrgUsersPage {
  total: number;
  users: OrgUserRow[];
}

export interface OrgUsersFilter {
  offset?: number;
  limit?: number;
  admin?: boolean;
  active?: boolean;
}
