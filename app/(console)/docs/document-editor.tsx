"use client";

import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { Button, buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { lineDiff, type DiffLine } from "@/lib/docs/diff";
import { saveDocumentAction } from "./actions";
import { DiffConfirmDialog } from "./diff-confirm-dialog";
import { DiffView } from "./diff-view";
import { fetchContent, type CurrentContent } from "./fetch-content";

export interface DocumentEditorProps {
  workspaceId: string;
  nodeId: string;
  name: string;
  /** The content the editor opened with, and its hash: a save compares it with DingTalk's. */
  markdown: string;
  hash: string;
  unknownBlocks: number;
  backHref: string;
}

type Phase = { kind: "editing" } | { kind: "checking" } | { kind: "confirm"; lines: DiffLine[] } | { kind: "changed"; theirs: CurrentContent };

/**
 * A markdown editor with a live preview. Saving first fetches what DingTalk holds now: when it is
 * what the editor opened with, the diff is shown for confirmation; when someone changed it
 * meanwhile, both are shown side by side and nothing is written.
 */
export function DocumentEditor({ workspaceId, nodeId, name, markdown, hash, unknownBlocks, backHref }: DocumentEditorProps) {
  const t = useTranslations("docs");
  const router = useRouter();
  const textId = useId();
  const [text, setText] = useState(markdown);
  const [base, setBase] = useState({ markdown, hash });
  const [phase, setPhase] = useState<Phase>({ kind: "editing" });
  const [problem, setProblem] = useState<string | null>(null);

  const check = async () => {
    setProblem(null);
    setPhase({ kind: "checking" });
    const current = await fetchContent(nodeId);
    if (!current.ok) {
      setProblem(current.error);
      setPhase({ kind: "editing" });
    } else if (current.content.hash !== base.hash) setPhase({ kind: "changed", theirs: current.content });
    else setPhase({ kind: "confirm", lines: lineDiff(current.content.markdown, text) });
  };

  const save = () => saveDocumentAction(null, { workspaceId, nodeId, name, baseHash: base.hash, markdown: text });

  return (
    <div className="flex flex-col gap-4" data-testid="document-editor">
      {unknownBlocks > 0 ? <Notice tone="warn">{t("unknownWarning", { count: unknownBlocks })}</Notice> : null}
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      {phase.kind === "changed" ? (
        <section className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="document-changed" role="alert">
          <h2 className="font-semibold text-amber-900">{t("changed.title")}</h2>
          <p className="text-sm text-amber-900">{t("changed.body", { name })}</p>
          <div className="grid gap-3 lg:grid-cols-2">
            <div>
              <h3 className="mb-1 text-xs font-medium text-slate-600">{t("changed.theirs")}</h3>
              <pre className="max-h-72 overflow-auto whitespace-pre-wrap rounded border border-slate-200 bg-white p-2 text-xs" data-testid="theirs">
                {phase.theirs.markdown}
              </pre>
            </div>
            <div>
              <h3 className="mb-1 text-xs font-medium text-slate-600">{t("changed.mine")}</h3>
              <pre className="max-h-72 overflow-auto whitespace-pre-wrap rounded border border-slate-200 bg-white p-2 text-xs" data-testid="mine">
                {text}
              </pre>
            </div>
          </div>
          <DiffView lines={lineDiff(phase.theirs.markdown, text)} />
          <div>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setBase({ markdown: phase.theirs.markdown, hash: phase.theirs.hash });
                setPhase({ kind: "editing" });
              }}
            >
              {t("changed.rebase")}
            </Button>
          </div>
        </section>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={textId} className="text-xs font-medium text-slate-600">
            {t("editor.markdown")}
          </label>
          <textarea
            id={textId}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            className="min-h-[28rem] rounded-md border border-slate-300 p-3 font-mono text-sm leading-6"
            data-testid="markdown-input"
          />
        </div>
        <div className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">{t("editor.preview")}</span>
          <div className="prose-doc min-h-[28rem] overflow-auto rounded-md border border-slate-200 bg-white p-4 text-sm" data-testid="markdown-preview">
            {text.trim() === "" ? <p className="text-slate-400">{t("editor.emptyPreview")}</p> : <MarkdownPreview markdown={text} />}
          </div>
        </div>
      </div>
      <div className="flex gap-2">
        <Button type="button" onClick={check} disabled={phase.kind === "checking"} aria-busy={phase.kind === "checking"}>
          {phase.kind === "checking" ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : null}
          {phase.kind === "checking" ? t("editor.checking") : t("editor.save")}
        </Button>
        <Link href={backHref} className={buttonClass("secondary")}>
          {t("editor.discard")}
        </Link>
      </div>
      <DiffConfirmDialog
        open={phase.kind === "confirm"}
        onOpenChange={(open) => {
          if (!open) setPhase({ kind: "editing" });
        }}
        title={t("confirm.title", { name })}
        body={t("confirm.body")}
        lines={phase.kind === "confirm" ? phase.lines : []}
        confirmLabel={t("confirm.save")}
        run={save}
        onDone={async (result) => {
          if (result.ok) {
            router.push(backHref);
            router.refresh();
          } else if (result.error.code === "DOC_CHANGED") {
            const current = await fetchContent(nodeId);
            if (current.ok) setPhase({ kind: "changed", theirs: current.content });
          }
        }}
      />
    </div>
  );
}

/** The editor's text as it will read (GitHub-flavoured markdown, as DingTalk takes it). */
function MarkdownPreview({ markdown }: { markdown: string }) {
  return (
    <div className="markdown-preview flex flex-col gap-3 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-4 [&_blockquote]:text-slate-600 [&_h1]:text-2xl [&_h1]:font-semibold [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:text-lg [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_td]:border [&_td]:border-slate-200 [&_td]:px-2 [&_th]:border [&_th]:border-slate-200 [&_th]:bg-slate-50 [&_th]:px-2 [&_ul]:list-disc [&_ul]:pl-6">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml>
        {markdown}
      </ReactMarkdown>
    </div>
  );
}
