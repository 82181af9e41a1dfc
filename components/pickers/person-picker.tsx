"use client";

import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { CONTROL_CLASS } from "@/components/forms/field";
import { addPerson, personSearchUrl, type PickedPerson } from "./person-search";

// A combobox over the synced directory (WAI-ARIA combobox with a listbox popup). Hand-made
// rather than cmdk's: cmdk's input claims aria-expanded="true" even when no list is shown and
// replaces the input's id, which the field's <label> points at.

export interface PersonPickerProps {
  /** The form field each chosen person is posted as (one hidden input per person: their userId). */
  name: string;
  /** Several people (chips) or one (picking another replaces it). */
  multiple?: boolean;
  initial?: readonly PickedPerson[];
  placeholder?: string;
  /** From the surrounding Field: the label's target and the error list. */
  id?: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  onChange?: (people: PickedPerson[]) => void;
}

async function searchPeople(url: string, signal: AbortSignal): Promise<PickedPerson[]> {
  const r = await fetch(url, { signal, cache: "no-store" });
  if (!r.ok) throw new Error(String(r.status));
  return ((await r.json()) as { people: PickedPerson[] }).people;
}

/** The typed text once it has stayed the same for `ms` (one request per pause, not per key). */
function useSettled(text: string, ms: number): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return settled;
}

export function PersonPicker({ name, multiple = false, initial = [], placeholder, id, onChange, ...aria }: PersonPickerProps) {
  const t = useTranslations("pickers");
  const ownId = useId();
  const inputId = id ?? `${ownId}-input`;
  const listId = `${ownId}-list`;
  const [picked, setPicked] = useState<PickedPerson[]>([...initial]);
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const url = personSearchUrl(useSettled(text, 150));
  const { data: found = [], isFetching, isError } = useQuery({
    queryKey: ["picker-people", url],
    queryFn: ({ signal }) => searchPeople(url!, signal),
    enabled: url !== null && open,
    // Short: a search made before a sync finished is asked again soon after.
    staleTime: 5_000,
  });
  const options = found.filter((p) => !picked.some((q) => q.userId === p.userId));
  const shown = open && text.trim() !== "";
  const activeOption = shown && options.length > 0 ? options[Math.min(active, options.length - 1)] : undefined;

  const change = (next: PickedPerson[]) => {
    setPicked(next);
    onChange?.(next);
  };
  const pick = (person: PickedPerson) => {
    change(addPerson(picked, person, multiple ? undefined : 1));
    setText("");
    setActive(0);
    input.current?.focus();
  };
  const remove = (userId: string) => {
    change(picked.filter((p) => p.userId !== userId));
    input.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Keys pressed while an input method composes (pinyin to characters) belong to it.
    if (e.nativeEvent.isComposing) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (options.length > 0) setActive((i) => (Math.min(i, options.length - 1) + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
    } else if (e.key === "Enter") {
      // Enter picks; it never submits the form half-chosen.
      if (shown) e.preventDefault();
      if (activeOption) pick(activeOption);
    } else if (e.key === "Escape") {
      if (shown) {
        e.preventDefault();
        setOpen(false);
      }
    } else if (e.key === "Backspace" && text === "" && picked.length > 0) {
      e.preventDefault();
      change(picked.slice(0, -1));
    }
  };

  return (
    <div
      className="relative"
      data-testid="person-picker"
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <div className={`flex flex-wrap items-center gap-1 ${CONTROL_CLASS} focus-within:border-brand-500`} onClick={() => input.current?.focus()}>
        {picked.map((p) => (
          <span key={p.userId} className="inline-flex items-center gap-1 rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700" data-testid="picked-person" data-userid={p.userId}>
            {p.name}
            <button type="button" onClick={() => remove(p.userId)} aria-label={t("removePerson", { name: p.name })} className="rounded text-brand-700 hover:bg-brand-100">
              <X aria-hidden className="size-3" />
            </button>
            <input type="hidden" name={name} value={p.userId} />
          </span>
        ))}
        <input
          ref={input}
          id={inputId}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-activedescendant={activeOption ? `${listId}-${activeOption.userId}` : undefined}
          aria-invalid={aria["aria-invalid"]}
          aria-describedby={aria["aria-describedby"]}
          autoComplete="off"
          value={text}
          placeholder={picked.length === 0 || multiple ? (placeholder ?? t("personPlaceholder")) : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={onKeyDown}
          className="min-w-24 flex-1 border-0 bg-transparent p-0 outline-none focus:ring-0"
        />
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label={t("people")}
        hidden={!shown}
        className="absolute z-40 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-md"
      >
        {options.map((p) => (
          <li
            key={p.userId}
            id={`${listId}-${p.userId}`}
            role="option"
            aria-selected={p === activeOption}
            data-userid={p.userId}
            // mousedown, not click: the input keeps its focus (and the list stays open) while choosing.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(p);
            }}
            onMouseMove={() => setActive(options.indexOf(p))}
            className="cursor-pointer px-3 py-1.5 aria-selected:bg-brand-50"
          >
            <span className="font-medium text-slate-900">{p.name}</span>
            {p.detail ? <span className="ml-2 text-xs text-slate-500">{p.detail}</span> : null}
          </li>
        ))}
        {options.length === 0 ? (
          <li role="presentation" className="px-3 py-1.5 text-slate-500" aria-live="polite">
            {isError ? t("searchFailed") : isFetching || url === null ? t("searching") : t("noPeople")}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
