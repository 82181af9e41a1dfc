import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { audited, type AuditTarget } from "@/lib/audit";
import type { AuditAction } from "@/lib/audit-actions";
import type { Actor, ActorLookup } from "@/lib/auth/current";
import { can, type Permission } from "@/lib/authz/permissions";
import { getDb, type Db } from "@/lib/db/client";
import { MESSAGES, type Translate } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locale";
import { formField, formObject } from "@/lib/forms/form-data";
import { failure, fieldErrors } from "./action-errors";

// Every server action of the console is declared through `serverAction`, which does the same
// steps in the same order for all of them: who is asking and may they, the input parsed by
// zod (from a form or an object), the call inside one audit entry, errors turned into words
// for the person, and the pages revalidated. An action's own file holds only what is its own.

/** What every action answers: its data, or what went wrong, with messages per field for a form. */
export type ActionError = { code: string; message: string; fieldErrors?: Record<string, string[]> };
export type ActionResult<T = undefined> = { ok: true; data: T; message?: string } | { ok: false; error: ActionError };

/** What the wrapper needs from the request; replaced in tests, where there is no request. */
export interface ActionSeams {
  lookupActor(): Promise<ActorLookup>;
  locale(): Promise<Locale>;
  db(): Db;
  revalidate(path: string): void;
  redirect(path: string): never;
}

const requestSeams: ActionSeams = {
  // Imported when first used, so that tests that replace it never load the sign-in machinery.
  lookupActor: async () => (await import("@/lib/auth/current")).lookupActor(),
  locale: async () => (await import("next-intl/server")).getLocale(),
  db: getDb,
  revalidate: (path) => revalidatePath(path),
  redirect: (path) => redirect(path),
};

let seams: ActionSeams = requestSeams;

/** For tests: runs actions against `replacement` until the returned function is called. */
export function replaceActionSeams(replacement: Partial<ActionSeams>): () => void {
  const previous = seams;
  seams = { ...previous, ...replacement };
  return () => {
    seams = previous;
  };
}

export interface ActionContext {
  actor: Actor;
  db: Db;
  locale: Locale;
  t: Translate;
}

export interface ActionSpec<S extends z.ZodType, T> {
  permission: Permission;
  /** The input, parsed from the submitted form or the object passed. */
  input: S;
  audit: {
    action: AuditAction;
    target: (input: z.output<S>) => AuditTarget;
    /** What the entry records as input; the parsed input when absent (secrets are redacted either way). */
    details?: (input: z.output<S>) => unknown;
    /** An id the entry carries to find the outcome by (DingTalk's request id, a sync run's id). */
    requestIdOf?: (data: T) => string | undefined;
    /** Work the action started that goes on after it answers (a sync): the entry is written when it settles, with every DingTalk call it made. */
    settledBy?: (data: T) => Promise<unknown> | undefined;
  };
  run: (input: z.output<S>, ctx: ActionContext) => Promise<T>;
  /** Paths whose pages show what the action changed. */
  revalidate?: readonly string[] | ((input: z.output<S>, data: T) => readonly string[]);
  /** Shown to the person on success. */
  message?: (data: T, ctx: ActionContext) => string;
  /** Where to send the person on success, after revalidating. */
  redirectTo?: (input: z.output<S>, data: T) => string;
}

/**
 * The signature `useActionState` expects (the previous state is not read); called directly, the
 * payload may be a plain object or nothing.
 */
export type ServerAction<S extends z.ZodType, T> = (previous?: unknown, payload?: FormData | z.input<S>) => Promise<ActionResult<T>>;

function translator(locale: Locale): Translate {
  return createTranslator({ locale, messages: MESSAGES[locale] }) as Translate;
}

// Also read by browser code that checks a form with the action's own schema.
export { formField, formObject };

export function serverAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>): ServerAction<S, T> {
  return async (_previous, payload) => {
    const locale = await seams.locale();
    const t = translator(locale);
    const found = await seams.lookupActor();
    if (found.status !== "signed-in") return { ok: false, error: { code: "UNAUTHENTICATED", message: t("actions.signedOut") } };
    if (!can(found.actor.roles, spec.permission)) return { ok: false, error: { code: "FORBIDDEN", message: t("actions.forbidden") } };

    const raw = payload instanceof FormData ? formObject(payload) : (payload ?? {});
    const parsed = spec.input.safeParse(raw, { reportInput: true });
    if (!parsed.success) return fieldErrors(parsed.error, t);
    const input = parsed.data;

    const db = seams.db();
    const ctx: ActionContext = { actor: found.actor, db, locale, t };
    let data: T;
    try {
      data = await audited(db, { actor: found.actor }, spec.audit.action, spec.audit.target(input), spec.audit.details ? spec.audit.details(input) : input, () =>
        spec.run(input, ctx),
        { requestIdOf: spec.audit.requestIdOf, settledBy: spec.audit.settledBy },
      );
    } catch (error) {
      // notFound(), redirect() and the like are how Next.js ends a request, not failures.
      unstable_rethrow(error);
      return failure(error, t, locale, spec.audit.action);
    }
    const paths = typeof spec.revalidate === "function" ? spec.revalidate(input, data) : (spec.revalidate ?? []);
    for (const path of paths) seams.revalidate(path);
    if (spec.redirectTo) seams.redirect(spec.redirectTo(input, data));
    return { ok: true, data, message: spec.message?.(data, ctx) };
  };
}
