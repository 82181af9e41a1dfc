import { Notice } from "@/components/ui/notice";
import { describeDingTalkError } from "@/lib/dingtalk";
import type { Locale } from "@/lib/i18n/locale";
import type { Translate } from "@/lib/i18n/catalog";

/** What went wrong talking to DingTalk, in words a person can act on; never a stack trace. */
export function DingTalkErrorPanel({ error, t, locale }: { error: unknown; t: Translate; locale: Locale }) {
  return (
    <div data-testid="dingtalk-error">
      <Notice tone="error" title={t("error.dingtalk.title")}>
        {describeDingTalkError(error, locale)}
      </Notice>
    </div>
  );
}
