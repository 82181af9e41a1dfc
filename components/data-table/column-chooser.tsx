"use client";

import { Columns3, Check } from "lucide-react";
import { useRouter } from "next/navigation";
import { DropdownMenu } from "radix-ui";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";

export interface ColumnChoice {
  id: string;
  label: string;
  visible: boolean;
  /** The list's URL with this column's visibility switched. */
  href: string;
}

/** A menu to show or hide a table's columns; the choice lives in the URL, so links and reloads keep it. */
export function ColumnChooser({ columns }: { columns: readonly ColumnChoice[] }) {
  const t = useTranslations("table");
  const router = useRouter();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={buttonClass("secondary", "sm")} data-testid="column-chooser">
        <Columns3 aria-hidden className="size-3.5" />
        {t("columns")}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-40 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-md">
          <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-500">{t("showColumns")}</DropdownMenu.Label>
          {columns.map((c) => (
            <DropdownMenu.CheckboxItem
              key={c.id}
              checked={c.visible}
              onCheckedChange={() => router.replace(c.href, { scroll: false })}
              className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-slate-100"
              data-column={c.id}
            >
              <span className="flex size-4 items-center justify-center">
                <DropdownMenu.ItemIndicator>
                  <Check aria-hidden className="size-3.5" />
                </DropdownMenu.ItemIndicator>
              </span>
              {c.label}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
