"use client";

import { useEffect, useState } from "react";

/** Colours and sizes for Recharts, which draws SVG with attribute values that CSS variables and rem cannot reach. */
export interface ChartTheme {
  dark: boolean;
  /** Root font size / 16: 1, or more under Large type; chart text and heights scale with it. */
  scale: number;
  /** Axis ticks and labels: at least 4.5:1 on the card behind them. */
  text: string;
  grid: string;
  /** Bars at or above the threshold, and below it. */
  above: string;
  below: string;
  /** The threshold line (and zero lines). */
  line: string;
  /** A pixel font size for chart text that follows Large type. */
  font: (px: number) => number;
}

const LIGHT = { text: "#334155", grid: "#cbd5e1", above: "#059669", below: "#94a3b8", line: "#b91c1c" };
const DARK = { text: "#cbd5e1", grid: "#475569", above: "#34d399", below: "#64748b", line: "#f87171" };

function read(): { dark: boolean; scale: number } {
  const root = document.documentElement;
  return { dark: root.classList.contains("dark"), scale: parseFloat(getComputedStyle(root).fontSize) / 16 || 1 };
}

/** Follows the dark class and Large type on <html> as they change (both are toggled there, not through React). */
export function useChartTheme(): ChartTheme {
  const [state, setState] = useState({ dark: false, scale: 1 });
  useEffect(() => {
    setState(read());
    const observer = new MutationObserver(() => setState(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class", "data-large-type"] });
    return () => observer.disconnect();
  }, []);
  const colours = state.dark ? DARK : LIGHT;
  return { ...state, ...colours, font: (px) => Math.round(px * state.scale) };
}
