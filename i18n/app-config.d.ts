import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/catalog";

// Types every t("…") call against the zh-CN message file.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
