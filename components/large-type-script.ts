/** Shared by the layout (a server component) and the toggle (a client one), so it lives outside "use client". */
export const LARGE_TYPE_KEY = "semantic-radar:large-type";

/** Runs before first paint (inlined in the layout) so a projector never sees the small type flash first. */
export const LARGE_TYPE_SCRIPT = `try{if(localStorage.getItem(${JSON.stringify(LARGE_TYPE_KEY)})==="true")document.documentElement.dataset.largeType="true"}catch(e){}`;
