import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

// DingTalk's permissionRole (OWNER, EDITOR, READER, …) in the words of the docs roles.
const ROLE_OF: Record<string, "owner" | "editor" | "viewer"> = { OWNER: "owner", EDITOR: "editor", READER: "viewer", VIEWER: "viewer" };

export function RoleBadge({ role }: { role?: string }) {
  const t = useTranslations("docs");
  const known = role ? ROLE_OF[role.toUpperCase()] : undefined;
  if (!known) return null;
  return (
    <span>
      <Badge>{t("myRole", { role: t(`role.${known}`) })}</Badge>
    </span>
  );
}
