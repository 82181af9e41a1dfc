"use client";

import { Toaster as Sonner, toast } from "sonner";
import type { ActionResult } from "@/lib/server/action";

/** The one place toasts appear; rendered once in the root layout. */
export function Toaster() {
  return <Sonner position="top-center" richColors closeButton toastOptions={{ className: "text-sm" }} />;
}

/**
 * Tells the person how an action went: its message on success (nothing when it has none),
 * its error on failure. Returns the result so it can be chained after `await action(...)`.
 */
export function toastResult<T>(result: ActionResult<T> | null | undefined): ActionResult<T> | null | undefined {
  if (!result) return result;
  if (result.ok) {
    if (result.message) toast.success(result.message);
  } else toast.error(result.error.message);
  return result;
}

export { toast };
