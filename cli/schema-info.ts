import { z } from "zod";

// What `--help` and the parser need to know about a field's schema: whether it is a flag,
// whether it may be left out, what it says about itself.

function inner(schema: z.ZodType): z.ZodType | undefined {
  const def = schema.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
  if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") return def.innerType;
  if (def.type === "pipe") return def.in;
  return undefined;
}

/** The schema under optional / default / pipe wrappers: what the raw value must be. */
export function baseOf(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let next = inner(current); next; next = inner(current)) current = next;
  return current;
}

export function isFlag(schema: z.ZodType): boolean {
  return baseOf(schema).def.type === "boolean";
}

export function isRequired(schema: z.ZodType): boolean {
  return !schema.safeParse(undefined).success;
}

export function descriptionOf(schema: z.ZodType): string {
  let current: z.ZodType | undefined = schema;
  while (current) {
    if (current.description) return current.description;
    current = inner(current);
  }
  return "";
}

/** `<value>`, or the choices of an enum: `<zh_CN|en_US>`. */
export function placeholderOf(schema: z.ZodType, name: string): string {
  const base = baseOf(schema);
  if (base instanceof z.ZodEnum) return `<${base.options.join("|")}>`;
  return `<${name}>`;
}

/** `deptId` → `dept-id`. */
export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
