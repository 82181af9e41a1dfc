import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { ColumnChooser, type ColumnChoice } from "./column-chooser";

/** A list's header actions: the column choice, then the export links when the person may export. */
export async function ListActions({ columns, exports }: { columns: readonly ColumnChoice[]; exports?: { csv: string; xlsx?: string } }) {
  const t = await getTranslations("table");
  return (
    <div className="flex gap-2">
      <ColumnChooser columns={columns} />
      {exports ? (
        <a href={exports.csv} className={buttonClass("secondary", "sm")} data-testid="export-csv">
          {t("exportCsv")}
        </a>
      ) : null}
      {exports?.xlsx ? (
        <a href={exports.xlsx} className={buttonClass("secondary", "sm")} data-testid="export-xlsx">
          {t("exportXlsx")}
        </a>
      ) : null}
    </div>
  );
}
