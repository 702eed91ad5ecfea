/** Shared by the layout (a server component) and the toggle (a client one), so it lives outside "use client". */
export const THEME_KEY = "semantic-radar:theme";

/** A stored "dark" or "light" is the person's choice; none means: follow the system's colour scheme. */
export type ThemeChoice = "dark" | "light";

export const DARK_QUERY = "(prefers-color-scheme: dark)";

/** Runs before first paint (inlined in the layout) so a dark room never sees a white flash first. */
export const THEME_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});document.documentElement.classList.toggle("dark",t?t==="dark":matchMedia(${JSON.stringify(DARK_QUERY)}).matches)}catch(e){}`;
