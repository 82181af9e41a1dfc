import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, columnChoices, type DataColumn } from "./data-table";
import type { TableState } from "./table-state";

// The table as the server renders it: headers that sort through links, hidden columns left out.

interface Row {
  id: string;
  name: string;
  no: string;
}

const columns: DataColumn<Row, "name" | "no">[] = [
  { id: "name", header: "姓名", sortField: "name", hideable: false, cell: (r) => r.name },
  { id: "no", header: "工号", sortField: "no", sortFirst: "desc", testId: "no", cell: (r) => r.no },
  { id: "plain", header: "备注", cell: () => "—" },
];
const rows: Row[] = [
  { id: "u1", name: "张三", no: "E1" },
  { id: "u2", name: "李四", no: "E2" },
];
const href = (change: Partial<TableState<"name" | "no">>) => `/list?${new URLSearchParams(Object.entries(change).map(([k, v]) => [k, String(v)])).toString()}`;

function render(state: TableState<"name" | "no">): string {
  return renderToStaticMarkup(createElement(DataTable<Row, "name" | "no">, { columns, rows, rowKey: (r) => r.id, rowAttributes: (r) => ({ "data-userid": r.id }), state, href, testId: "t", empty: "none" }));
}

describe("DataTable", () => {
  it("marks the sorted column and links its header to the other direction, back on page 1", () => {
    const html = render({ sort: "name", dir: "asc", page: 3, hide: [] });
    expect(html).toContain('<th data-column="name" aria-sort="ascending"');
    expect(html).toContain('href="/list?sort=name&amp;dir=desc&amp;page=1"');
    // Another sortable column starts in its own first direction; a plain one has no link.
    expect(html).toContain('href="/list?sort=no&amp;dir=desc&amp;page=1"');
    expect(html).toMatch(/<th data-column="plain"[^>]*>备注<\/th>/);
  });

  it("leaves hidden columns out of the header and every row, and keeps rows in order with their attributes", () => {
    const html = render({ sort: "no", dir: "desc", page: 1, hide: ["no"] });
    expect(html).not.toContain('data-column="no"');
    expect(html).not.toContain('data-testid="no"');
    expect(html.indexOf('data-userid="u1"')).toBeLessThan(html.indexOf('data-userid="u2"'));
    expect(html.match(/<td/g)).toHaveLength(4);
  });

  it("says the empty text instead of an empty table", () => {
    const html = renderToStaticMarkup(createElement(DataTable<Row, "name" | "no">, { columns, rows: [], rowKey: (r) => r.id, empty: "没有记录" }));
    expect(html).toBe('<p class="text-sm text-slate-500">没有记录</p>');
  });
});

describe("columnChoices", () => {
  it("offers every hideable column with the link that switches it", () => {
    const choices = columnChoices(columns, { sort: "name", dir: "asc", page: 1, hide: ["plain"] }, href);
    expect(choices.map((c) => [c.id, c.visible])).toEqual([
      ["no", true],
      ["plain", false],
    ]);
    expect(choices[0].href).toBe("/list?hide=plain%2Cno");
    expect(choices[1].href).toBe("/list?hide=");
  });
});
