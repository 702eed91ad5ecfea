"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { LargeTypeToggle } from "./large-type-toggle";

const LINKS = [
  { href: "/", label: "Radar" },
  { href: "/lab", label: "Pooling Lab" },
] as const;

export function TopNav() {
  const pathname = usePathname();
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-screen-2xl items-center gap-6 px-4 py-2" aria-label="Main">
        <span className="text-lg font-bold tracking-tight text-slate-900">Semantic Radar</span>
        <ul className="flex gap-1">
          {LINKS.map(({ href, label }) => {
            const current = href === "/" ? pathname === "/" : pathname.startsWith(href);
            return (
              <li key={href}>
                <Link
                  href={href}
                  aria-current={current ? "page" : undefined}
                  className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white"
                >
                  {label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="ml-auto">
          <LargeTypeToggle />
        </div>
      </nav>
    </header>
  );
}
