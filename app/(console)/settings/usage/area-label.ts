import { getTranslations } from "next-intl/server";
import { CALL_AREAS } from "@/lib/budget/areas";

// i18n-keys: usage.area.*

/** The words for a call area ("directory.reconcile"); an area this version does not know shows as itself. */
export async function usageAreaLabel(): Promise<(area: string) => string> {
  const t = await getTranslations("usage.area");
  return (area) => (area in CALL_AREAS ? t(area.replace(/\./g, "_") as "directory_sync") : area);
}
