import { useTranslations } from "next-intl";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import type { DocBlock } from "@/lib/dingtalk/docs";
import { groupBlocks } from "@/lib/docs/render-groups";

// A document's blocks as a page. Block text carries inline markdown (bold, links, code) as
// DingTalk stores it; the block's own kind gives the structure, so only inline elements render.
const INLINE = ["strong", "em", "a", "code", "del", "br"];

function Inline({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm]} allowedElements={INLINE} unwrapDisallowed skipHtml>
      {text}
    </ReactMarkdown>
  );
}

const HEADING_CLASS = ["", "text-2xl font-semibold", "text-xl font-semibold", "text-lg font-semibold", "text-base font-semibold", "text-sm font-semibold", "text-sm font-semibold text-slate-600"];

function Block({ block }: { block: DocBlock }) {
  const t = useTranslations("docs");
  switch (block.blockType) {
    case "heading": {
      const Tag = `h${block.level}` as "h2";
      return (
        <Tag className={`${HEADING_CLASS[block.level]} mt-2 text-slate-900`}>
          <Inline text={block.text} />
        </Tag>
      );
    }
    case "paragraph":
      return (
        <p className="whitespace-pre-line leading-7">
          <Inline text={block.text} />
        </p>
      );
    case "blockquote":
      return (
        <blockquote className="whitespace-pre-line border-l-4 border-slate-200 pl-4 text-slate-600">
          <Inline text={block.text} />
        </blockquote>
      );
    case "table": {
      const [header = [], ...rows] = block.rows;
      return (
        <div className="overflow-x-auto">
          <table className="min-w-full border-collapse text-sm">
            <thead>
              <tr>
                {header.map((cell, k) => (
                  <th key={k} className="border border-slate-200 bg-slate-50 px-3 py-1.5 text-left font-medium">
                    <Inline text={cell} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, k) => (
                    <td key={k} className="border border-slate-200 px-3 py-1.5">
                      <Inline text={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
    case "unknown":
      // Never dropped: the person learns something is here that only DingTalk shows.
      return (
        <div role="note" data-testid="unknown-block" className="rounded-md border border-dashed border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("unknownBlock", { type: block.rawType })}
        </div>
      );
    default:
      return null;
  }
}

export function BlockView({ blocks }: { blocks: readonly DocBlock[] }) {
  return (
    <article className="flex flex-col gap-3 text-sm text-slate-800" data-testid="document-body">
      {groupBlocks(blocks).map((g) => {
        if (g.kind === "block") return <Block key={g.block.id || g.block.index} block={g.block} />;
        const List = g.ordered ? "ol" : "ul";
        return (
          <List key={g.items[0].id || g.items[0].index} className={`${g.ordered ? "list-decimal" : "list-disc"} flex flex-col gap-1 pl-6 leading-7`}>
            {g.items.map((item) => (
              <li key={item.id || item.index} className="whitespace-pre-line">
                <Inline text={"text" in item ? item.text : ""} />
              </li>
            ))}
          </List>
        );
      })}
    </article>
  );
}
