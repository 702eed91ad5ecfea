"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { LocaleSwitch } from "./i18n/locale-switch";
import { useI18n } from "./i18n/use-messages";
import { LargeTypeToggle } from "./large-type-toggle";
import { SkipLink } from "./skip-link";
import { ThemeToggle } from "./theme-toggle";

export function TopNav() {
  const pathname = usePathname();
  const { t } = useI18n();
  const links = [
    { href: "/", label: t.common.radar },
    { href: "/documents", label: t.common.documents },
    { href: "/lab", label: t.common.lab },
    { href: "/room", label: t.common.room },
  ];
  return (
    // data-site-header: presentation mode hides it (globals.css).
    <header className="border-b border-slate-200 bg-white" data-site-header>
      {/* The radar's first stop is its query; other pages skip to their main content. */}
      <SkipLink target={pathname === "/" ? "query" : "main"} label={pathname === "/" ? t.common.skipToQuery : t.common.skipToContent} />
      {/* On a phone the links take a second row rather than squeeze the toggles off the screen. */}
      <nav className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2 sm:flex-nowrap sm:gap-6 sm:px-4" aria-label={t.common.navLabel}>
        <span className="whitespace-nowrap text-base font-bold tracking-tight text-slate-900 sm:text-lg">{t.common.appName}</span>
        <ul className="order-last flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
          {links.map(({ href, label }) => {
            const current = href === "/" ? pathname === "/" : pathname.startsWith(href);
            return (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={current ? "page" : undefined}
                  className="inline-flex items-center whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white sm:px-3"
                >
                  {label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="ml-auto flex gap-1 sm:gap-2">
          <LocaleSwitch />
          <ThemeToggle />
          <LargeTypeToggle />
        </div>
      </nav>
    </header>
  );
}
