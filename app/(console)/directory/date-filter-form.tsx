import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

/** The GET form above the 未登录 and 离职记录 lists: their date pickers and a submit button. */
export function DateFilterForm({ children, submit }: { children: ReactNode; submit: string }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
      {children}
      <button type="submit" className={buttonClass("primary", "sm")}>
        {submit}
      </button>
    </form>
  );
}
