"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

export function SignInButton({ label, callbackUrl }: { label: string; callbackUrl: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className={`${buttonClass("primary")} w-full py-2.5`}
      onClick={() => {
        setBusy(true);
        void signIn("dingtalk", { callbackUrl });
      }}
    >
      {label}
    </button>
  );
}
