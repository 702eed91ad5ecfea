/**
 * Sentences by Intl.Segmenter (the ICU rules every browser and Node carry): "。！？" end Chinese sentences as
 * ". ! ?" end English ones. ICU's iteration slows down sharply on very long strings (a 45,000-character string
 * took 300 ms where 23,000 took 9), so a long block is handed over in pieces cut at a line break or a space. Pure.
 */

/** Segment at most this many characters at once (measured: linear up to ~20,000). */
const MAX_SEGMENT_CHARS = 8_000;
// V8's ICU has no abbreviation list for sentences (the "ss" locale key is ignored): "Dr. Smith" would be two.
const ABBREVIATION = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Mt|No|Fig|vs|etc|approx|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.$/;

let segmenter: Intl.Segmenter | undefined;

/** The sentences of text[start, end) as trimmed spans, in order. */
export function sentenceSpans(text: string, start: number, end: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const [from, to] of windowsOf(text, start, end)) {
    const slice = text.slice(from, to);
    segmenter ??= new Intl.Segmenter("en", { granularity: "sentence" });
    let joinNext = false;
    for (const { segment, index } of segmenter.segment(slice)) {
      const lead = segment.length - segment.trimStart().length;
      const trimmed = segment.trim();
      if (!trimmed) continue;
      const span = { start: from + index + lead, end: from + index + lead + trimmed.length };
      if (joinNext) spans[spans.length - 1].end = span.end;
      else spans.push(span);
      joinNext = ABBREVIATION.test(trimmed);
    }
  }
  return spans;
}

/** [from, to) pieces of at most MAX_SEGMENT_CHARS, cut after a line break, else a space, else anywhere. */
function windowsOf(text: string, start: number, end: number): [number, number][] {
  const windows: [number, number][] = [];
  let from = start;
  while (end - from > MAX_SEGMENT_CHARS) {
    const limit = from + MAX_SEGMENT_CHARS;
    const slice = text.slice(from, limit);
    const cut = Math.max(slice.lastIndexOf("\n"), slice.lastIndexOf("。"), slice.lastIndexOf(". "));
    const at = cut > MAX_SEGMENT_CHARS / 2 ? from + cut + 1 : lastSpace(slice) > 0 ? from + lastSpace(slice) + 1 : limit;
    windows.push([from, at]);
    from = at;
  }
  if (from < end) windows.push([from, end]);
  return windows;
}

function lastSpace(slice: string): number {
  return slice.lastIndexOf(" ");
}
