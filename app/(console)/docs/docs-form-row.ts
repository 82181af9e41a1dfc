// The docs forms' row: the fields, then the button aligned with the inputs below their labels.
export const DOCS_FORM_ROW = "grid gap-2 sm:grid-cols-[1fr_8rem_auto] sm:items-start";
