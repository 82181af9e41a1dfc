import type { Metadata } from "next";
import "./globals.css";
import { getLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n/messages";
import { Providers } from "@/components/layout/providers";

export async function generateMetadata(): Promise<Metadata> {
  const t = translator(await getLocale());
  return { title: { default: t("app.name"), template: `%s · ${t("app.name")}` } };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
