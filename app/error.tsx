"use client";

import { useEffect } from "react";

// The last line of defence: a person sees what to do, never a stack trace.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-xl px-6 py-16" role="alert">
      <h1 className="mb-3 text-xl font-semibold">出现了意外错误 · Something went wrong</h1>
      <p className="text-sm text-slate-600">
        已记录此错误{error.digest ? `（编号 ${error.digest}）` : ""}。请重试；如果问题持续，请把编号告诉管理员。
        <br />
        The error was logged{error.digest ? ` (id ${error.digest})` : ""}. Please try again; if it persists, give the id to your admin.
      </p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-500 px-4 py-2 text-sm text-white hover:bg-brand-600">
        重试 / Retry
      </button>
    </div>
  );
}
