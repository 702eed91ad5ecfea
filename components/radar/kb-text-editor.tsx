"use client";

import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, placeholder as placeholderText } from "@codemirror/view";
import { useEffect, useRef } from "react";

interface Props {
  /** The text from outside (a reload, the example, an import, Undo, a shared link): it replaces what is shown. */
  text: string;
  /** The edited text: at every change for a small text, after a quiet moment (or on blur) for a large one. */
  onText: (text: string) => void;
  id: string;
  label: string;
  placeholder: string;
}

// Up to this size every change goes to the radar at once; past it (a 60,000-line paste) the radar hears of typing
// after a pause, so a keystroke costs what the editor itself costs.
const LIVE_CHARS = 100_000;
const QUIET_MS = 250;

// The page's own colours (the dark palette mirrors them, globals.css), not CodeMirror's light default.
const THEME = EditorView.theme({
  "&": { height: "100%", color: "inherit", backgroundColor: "transparent" },
  "&.cm-focused": { outline: "3px solid var(--color-blue-600)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.5rem" },
  ".cm-content": { caretColor: "currentColor", padding: "0.5rem 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "currentColor" },
  ".cm-gutters": { backgroundColor: "transparent", color: "var(--color-slate-500)", border: "none" },
  ".cm-placeholder": { color: "var(--color-slate-500)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--color-blue-200)" },
});

/**
 * The knowledge-base text, one entry per line, in CodeMirror 6: it draws only the lines in view, so typing stays
 * quick with 60,000 lines (a <textarea> spends a second or more per keystroke on that much text). Its content is a
 * labelled textbox; `value` on it reads the text, as on a textarea, for scripts and browser tests.
 */
export function KbTextEditor({ text, onText, id, label, placeholder }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const sent = useRef(text);
  const onTextRef = useRef(onText);
  onTextRef.current = onText;
  const words = useRef(new Compartment());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      const value = editor.state.doc.toString();
      if (value === sent.current) return;
      sent.current = value;
      onTextRef.current(value);
    };
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: sent.current,
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          THEME,
          words.current.of([]),
          // tabindex: the box is focusable anyway (contenteditable); said explicitly so checkers see that its scroll
          // area can be reached by keyboard.
          EditorView.contentAttributes.of({ id, tabindex: "0", "data-testid": "kb-editor", spellcheck: "false", autocorrect: "off", autocapitalize: "off" }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            clearTimeout(timer);
            if (update.state.doc.length <= LIVE_CHARS) flush();
            else timer = setTimeout(flush, QUIET_MS);
          }),
          EditorView.domEventHandlers({ blur: () => void flush() }),
        ],
      }),
    });
    Object.defineProperty(editor.contentDOM, "value", { get: () => editor.state.doc.toString(), configurable: true });
    view.current = editor;
    return () => {
      // Leaving (presentation mode) must not lose the last keystrokes of a large text.
      flush();
      editor.destroy();
      view.current = null;
    };
  }, [id]);

  // The label and placeholder follow the interface language.
  useEffect(() => {
    view.current?.dispatch({
      effects: words.current.reconfigure([placeholderText(placeholder), EditorView.contentAttributes.of({ "aria-label": label })]),
    });
  }, [label, placeholder]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || text === sent.current) return;
    sent.current = text;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  }, [text]);

  return <div ref={host} className="h-96 min-h-40 resize-y overflow-hidden rounded-lg border border-slate-300 bg-white text-sm" />;
}
