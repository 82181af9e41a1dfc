import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl px-6 py-16">
      <h1 className="mb-3 text-xl font-semibold">页面不存在 · Page not found</h1>
      <Link href="/" className="text-sm text-brand-600 hover:underline">
        ← 概览 / Overview
      </Link>
    </div>
  );
}
