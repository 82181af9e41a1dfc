import {
  Bot,
  CalendarDays,
  ClipboardCheck,
  Clock,
  FileText,
  LayoutDashboard,
  type LucideIcon,
  MessageSquare,
  Network,
  RefreshCw,
  ScrollText,
  Settings,
  Users,
} from "lucide-react";
import type { Messages } from "@/lib/i18n/catalog";
import { can, type Permission } from "@/lib/authz/permissions";

// The console's areas, in the order the navigation shows them. The navigation, the pages'
// permission checks (requireArea) and the tests all read this one list, so an area is added
// here and nowhere else (README: "Adding an area").

export interface Area {
  id: string;
  /** Where the area lives; its pages are this path and below. */
  route: string;
  /** Its name in the navigation: a key of the `nav` messages. */
  label: `nav.${keyof Messages["nav"] & string}`;
  /** Needed to see the area at all; finer permissions (export, manage) are checked by its pages and actions. */
  permission: Permission;
  icon: LucideIcon;
  /** Reserved and not built yet: absent from the navigation, and its route answers 404. */
  hidden?: true;
}

export const AREAS = [
  { id: "overview", route: "/", label: "nav.overview", permission: "overview.read", icon: LayoutDashboard },
  { id: "directory", route: "/directory", label: "nav.directory", permission: "directory.read", icon: Users },
  { id: "directorySync", route: "/directory/sync", label: "nav.sync", permission: "directory.sync", icon: RefreshCw },
  { id: "departments", route: "/departments", label: "nav.departments", permission: "departments.read", icon: Network },
  { id: "approvals", route: "/approvals", label: "nav.approvals", permission: "approvals.read.own", icon: ClipboardCheck },
  { id: "attendance", route: "/attendance", label: "nav.attendance", permission: "attendance.read.ownDepartments", icon: Clock },
  { id: "calendar", route: "/calendar", label: "nav.calendar", permission: "calendar.own", icon: CalendarDays },
  { id: "docs", route: "/docs", label: "nav.docs", permission: "docs.use", icon: FileText },
  { id: "messages", route: "/messages", label: "nav.messages", permission: "messages.read", icon: MessageSquare, hidden: true },
  { id: "botConversations", route: "/bot/conversations", label: "nav.botConversations", permission: "botConversations.read", icon: Bot },
  { id: "audit", route: "/audit", label: "nav.audit", permission: "audit.read", icon: ScrollText },
  { id: "settings", route: "/settings", label: "nav.settings", permission: "settings.read", icon: Settings },
] as const satisfies readonly Area[];

export type AreaId = (typeof AREAS)[number]["id"];

export function area(id: AreaId): Area {
  // AREAS holds every AreaId by construction.
  return AREAS.find((a) => a.id === id)!;
}

/** The areas a person with `roles` sees in the navigation, in its order. */
export function visibleAreas(roles: readonly string[]): AreaId[] {
  return AREAS.filter((a: Area) => !a.hidden && can(roles, a.permission)).map((a) => a.id);
}

/**
 * The area a path belongs to: the one with the longest route that is the path or a prefix of it
 * at a segment boundary, so /directory/sync is the sync area and not the directory.
 */
export function areaOfPath(path: string): Area | undefined {
  const within = (route: string) => (route === "/" ? path === "/" : path === route || path.startsWith(`${route}/`));
  return (AREAS as readonly Area[]).filter((a) => within(a.route)).sort((a, b) => b.route.length - a.route.length)[0];
}
