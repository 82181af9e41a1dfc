"use client";

import { Command } from "cmdk";
import { Check, ChevronsUpDown } from "lucide-react";
import { useId, useState } from "react";
import { cn } from "./cn";
import { Popover, PopoverContent, PopoverTrigger } from "./popover";

export interface ComboboxOption {
  value: string;
  label: string;
  /** Extra words the search matches (pinyin, initials, an id). */
  keywords?: string[];
}

export interface ComboboxProps {
  options: readonly ComboboxOption[];
  value: string | null;
  onValueChange: (value: string | null) => void;
  /** Names the control for screen readers and shows when nothing is chosen. */
  label: string;
  placeholder: string;
  searchPlaceholder: string;
  emptyText: string;
  /** Submitted with a form under this name. */
  name?: string;
  /** When set, the options come from the caller (e.g. a server search) and are not filtered here. */
  onSearchChange?: (search: string) => void;
  loading?: boolean;
  loadingText?: string;
  disabled?: boolean;
  className?: string;
}

/**
 * Choose one value from a list by typing: a button that opens a searchable listbox (cmdk in a
 * Radix popover). Arrow keys move, Enter chooses, Escape closes and focus returns to the button;
 * choosing the chosen value again clears it.
 */
export function Combobox({ options, value, onValueChange, label, placeholder, searchPlaceholder, emptyText, name, onSearchChange, loading, loadingText, disabled, className }: ComboboxProps) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const chosen = options.find((o) => o.value === value);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      {name ? <input type="hidden" name={name} value={value ?? ""} /> : null}
      <PopoverTrigger asChild disabled={disabled}>
        <button
          type="button"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-label={label}
          className={cn(
            "inline-flex min-w-48 items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-left text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:text-slate-400",
            className,
          )}
        >
          <span className={chosen ? "truncate" : "truncate text-slate-400"}>{chosen ? chosen.label : placeholder}</span>
          <ChevronsUpDown className="h-4 w-4 shrink-0 text-slate-400" aria-hidden />
        </button>
      </PopoverTrigger>
      <PopoverContent id={listId} className="w-[var(--radix-popover-trigger-width)] min-w-56 p-0">
        <Command shouldFilter={!onSearchChange} label={label} className="flex flex-col">
          <Command.Input
            placeholder={searchPlaceholder}
            onValueChange={onSearchChange}
            className="border-b border-slate-200 px-3 py-2 text-sm outline-none placeholder:text-slate-400"
          />
          <Command.List className="max-h-64 overflow-y-auto p-1">
            {loading ? <Command.Loading className="px-2 py-1.5 text-slate-500">{loadingText}</Command.Loading> : null}
            {!loading ? <Command.Empty className="px-2 py-1.5 text-slate-500">{emptyText}</Command.Empty> : null}
            {options.map((o) => (
              <Command.Item
                key={o.value}
                value={o.value}
                keywords={[o.label, ...(o.keywords ?? [])]}
                onSelect={() => {
                  onValueChange(o.value === value ? null : o.value);
                  setOpen(false);
                }}
                className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 data-[selected=true]:bg-slate-100"
              >
                <Check className={cn("h-4 w-4", o.value === value ? "opacity-100" : "opacity-0")} aria-hidden />
                {o.label}
              </Command.Item>
            ))}
          </Command.List>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
