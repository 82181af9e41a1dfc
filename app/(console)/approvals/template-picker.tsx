"use client";

import { ChevronDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CONTROL_CLASS } from "@/components/forms/field";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";

/** Several templates chosen with checkboxes, posted as one field of codes joined by commas (the URL's form). */
export function TemplatePicker({ name, templates, initial }: { name: string; templates: { processCode: string; name: string }[]; initial: string[] }) {
  const t = useTranslations("approvals.filters");
  const [chosen, setChosen] = useState<string[]>(initial);
  const label = chosen.length === 0 ? t("allTemplates") : templates.filter((x) => chosen.includes(x.processCode)).map((x) => x.name).join("、") || t("templatesChosen", { count: chosen.length });
  return (
    <>
      <input type="hidden" name={name} value={chosen.join(",")} />
      <Popover>
        <PopoverTrigger className={`${CONTROL_CLASS} flex items-center justify-between gap-2 text-left`} data-testid="template-picker">
          <span className="truncate">{label}</span>
          <ChevronDown className="size-4 shrink-0 text-slate-400" aria-hidden />
        </PopoverTrigger>
        <PopoverContent className="max-h-72 w-64 overflow-y-auto p-2">
          {templates.length === 0 ? <p className="p-1 text-sm text-slate-500">{t("noTemplates")}</p> : null}
          {templates.map((x) => (
            <label key={x.processCode} className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
              <input
                type="checkbox"
                checked={chosen.includes(x.processCode)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, x.processCode] : c.filter((y) => y !== x.processCode)))}
              />
              {x.name}
            </label>
          ))}
        </PopoverContent>
      </Popover>
    </>
  );
}
