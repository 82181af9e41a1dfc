import { describe, expect, it } from "vitest";
import { Clock } from "../clock";
import { AuthCodeStore } from "./auth-codes";
import { TokenStore } from "./tokens";

describe("TokenStore", () => {
  it("hands back the same app token while it is valid, and a new one after it expired", () => {
    const clock = new Clock();
    const store = new TokenStore(clock, 7200);
    const first = store.issueAppToken("app", "oapi").token;
    expect(store.issueAppToken("app", "oapi").token).toBe(first);
    expect(store.issueAppToken("app", "api").token).not.toBe(first);
    clock.advance(7201);
    expect(store.check(first)).toEqual({ ok: false, reason: "expired" });
    expect(store.issueAppToken("app", "oapi").token).not.toBe(first);
    expect(store.issued).toEqual({ oapi: 3, api: 1, user: 0 });
  });

  it("refuses tokens it never issued and tokens expired on demand, by kind", () => {
    const clock = new Clock();
    const store = new TokenStore(clock, 7200);
    const app = store.issueAppToken("app", "api").token;
    const user = store.issueUserToken("app", { kind: "member", userId: "u1" }).accessToken;
    expect(store.check("nope")).toEqual({ ok: false, reason: "unknown" });
    expect(store.expireAll("user")).toBe(1);
    expect(store.check(user).ok).toBe(false);
    expect(store.check(app).ok).toBe(true);
    expect(store.expireAll("all")).toBe(1);
    expect(store.check(app).ok).toBe(false);
  });

  it("rotates refresh tokens", () => {
    const store = new TokenStore(new Clock(), 7200);
    const grant = store.issueUserToken("app", { kind: "member", userId: "u1" });
    const next = store.redeemRefreshToken("app", grant.refreshToken);
    expect(next?.accessToken).toBeDefined();
    expect(store.redeemRefreshToken("app", grant.refreshToken)).toBeNull();
  });
});

describe("AuthCodeStore", () => {
  it("redeems a code once, for its own app, within five minutes", () => {
    const clock = new Clock();
    const codes = new AuthCodeStore(clock);
    const identity = { kind: "member", userId: "u1" } as const;
    const code = codes.create("app", identity);
    expect(codes.redeem("app", code)).toEqual(identity);
    expect(codes.redeem("app", code)).toBeNull();
    expect(codes.redeem("other", codes.create("app", identity))).toBeNull();
    const late = codes.create("app", identity);
    clock.advance(301);
    expect(codes.redeem("app", late)).toBeNull();
  });
});
