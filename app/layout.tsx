import type { Metadata } from "next";
import type { ReactNode } from "react";
import { LOCALE_SCRIPT } from "@/components/i18n/locale";
import { LARGE_TYPE_SCRIPT } from "@/components/large-type-script";
import { THEME_SCRIPT } from "@/components/theme-script";
import { TopNav } from "@/components/top-nav";
import "./globals.css";

export const metadata: Metadata = {
  title: "Semantic Radar",
  description: "Rank a knowledge base by cosine similarity under every pooling strategy, on real pretrained models.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The inline scripts may set data-large-type, the dark class and the language before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: LARGE_TYPE_SCRIPT }} />
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        <script dangerouslySetInnerHTML={{ __html: LOCALE_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <TopNav />
        {children}
      </body>
    </html>
  );
}
