import Link from "next/link";

/** A person shown by name, linking to their page in the directory. */
export function PersonLink({ userId, name, className = "" }: { userId: string; name?: string | null; className?: string }) {
  return (
    <Link href={`/directory/${encodeURIComponent(userId)}`} className={`text-brand-600 hover:underline ${className}`}>
      {name || userId}
    </Link>
  );
}
