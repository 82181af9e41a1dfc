import Image from "next/image";

/** The console's mark (public/logo.svg; app/icon.svg is the same mark as the favicon). Decorative: the name is always written beside it. */
export function Logo({ size }: { size: number }) {
  // An SVG needs no resizing, so it skips the image optimizer.
  return <Image src="/logo.svg" alt="" width={size} height={size} unoptimized priority data-testid="logo" />;
}
