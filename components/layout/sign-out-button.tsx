"use client";

import { signOut } from "next-auth/react";
import { buttonClass } from "@/components/ui/button";

export function SignOutButton({ label }: { label: string }) {
  return (
    <button type="button" className={buttonClass("secondary", "sm")} onClick={() => signOut({ callbackUrl: "/login" })}>
      {label}
    </button>
  );
}
