"use client";

/**
 * The first tab stop: jumps past the header and the settings. It moves focus itself, because following a fragment
 * link scrolls to an input but does not focus it in every browser.
 */
export function SkipLink({ target, label }: { target: string; label: string }) {
  return (
    <a
      href={`#${target}`}
      data-testid="skip-link"
      onClick={(event) => {
        const element = document.getElementById(target);
        if (!element) return;
        event.preventDefault();
        element.focus();
        element.scrollIntoView({ block: "nearest" });
      }}
      className="sr-only rounded-md bg-slate-900 px-3 py-2 font-semibold text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
    >
      {label}
    </a>
  );
}
