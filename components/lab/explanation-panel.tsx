"use client";

import type { LabModel } from "@/lib/lab/model";
import type { LabReport } from "@/lib/lab/report";
import { POOLING_LABELS } from "@/lib/pooling/strategies";
import { runObservations } from "./observations";

/** Why a pooling fits a model, what the article got wrong, and what this run shows. Short, concrete, true. */
export function ExplanationPanel({ model, report }: { model: LabModel; report?: LabReport }) {
  const observations = report ? runObservations(report) : [];
  return (
    <section data-testid="explanation-panel" aria-labelledby="explanation-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm leading-relaxed">
      <h3 id="explanation-title" className="text-lg font-semibold">Why the winner depends on the model</h3>
      <p className="mt-1">
        Every pooling reads the same forward pass (one vector per token from the last layer); they differ only in which
        token vectors they keep. Which one is the sentence&apos;s meaning is decided by how the model was trained.
      </p>
      <p className="mt-2" data-testid="explanation-model">
        {model.architecture === "encoder" ? <EncoderText model={model} /> : <DecoderText model={model} />}
      </p>
      {observations.length ? (
        <ul className="mt-2 list-disc pl-5" data-testid="explanation-observations">
          {observations.map((note) => <li key={note}>{note}</li>)}
        </ul>
      ) : null}
      <h4 className="mt-3 font-semibold">What the article got wrong</h4>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        <li>
          Qwen3-Embedding-4B is not a &ldquo;standard Transformer encoder&rdquo; with a [CLS] token: it is a causal decoder
          (built on the Qwen3 LLM), trained with last-token pooling. Its &ldquo;[CLS]&rdquo; column is the first token of each
          text, which attends only to itself; neither of its two columns is how the model was trained.
        </li>
        <li>Its hidden size is 2,560, not 4,096 (4,096 is Qwen3-Embedding-8B&apos;s).</li>
        <li>
          Its text says mean pooling skips [CLS] and [SEP] (<code>last_hidden_state[:, 1:-1]</code>), but its code averages
          every attended token, special ones included. Here <em>Mean</em> is its code (and sentence-transformers&apos;);
          <em> Mean (content tokens only)</em> is its text.
        </li>
        <li>Its printed Mean average, 0.4016, is not the average of its own eight rows (0.4205).</li>
        <li>
          &ldquo;Always default to mean pooling&rdquo; does not follow. On all-MiniLM-L6-v2 (trained with mean) CLS trails
          mean by far; on bge-small-zh-v1.5 (trained with CLS) CLS separates best on the article&apos;s own Chinese
          scenarios. Start from the pooling the model was trained with, then measure (STS on the model card).
        </li>
      </ul>
      <h4 className="mt-3 font-semibold">Reading Δ</h4>
      <p className="mt-1">
        Compare poolings within one model: each model (and pooling) has its own cosine scale, so a Δ of 0.2 on one model
        and 0.3 on another says little. Eight scenarios are a small sample where one flipped pair changes a winner; the
        STS Benchmark Spearman on the model card (over 1,300 human-scored pairs) is the measurement to trust.
      </p>
    </section>
  );
}

function EncoderText({ model }: { model: LabModel }) {
  const trained =
    model.nativePooling === "cls"
      ? "its training loss was computed on the [CLS] vector, so [CLS] is its sentence vector (BGE models are trained this way)"
      : model.nativePooling === "mean"
        ? "its training loss was computed on the mean of the token vectors, so averaging is what it expects and its [CLS] was never trained to summarize (sentence-transformers' all-* models are trained this way)"
        : `it was trained with ${POOLING_LABELS[model.nativePooling]} pooling`;
  return (
    <>
      <strong>{model.id}</strong> is a bidirectional encoder: every token attends to the whole sentence, so the first
      token, [CLS], <em>can</em> carry the sentence&apos;s meaning, but only if training put it there. Here {trained}.
      &ldquo;Last token&rdquo; on an encoder is the [SEP] marker closing every input: it too has seen everything, but was
      not what training optimized.
    </>
  );
}

function DecoderText({ model }: { model: LabModel }) {
  return (
    <>
      <strong>{model.id}</strong> is a causal decoder: each token attends only to the tokens before it. The first token
      attends only to itself, so &ldquo;CLS&rdquo; here encodes the first token of the text and nothing else; two texts
      that begin with the same token get the same vector. The last token is the only one that has seen the whole text, which is why
      Qwen3-Embedding is trained with last-token pooling. Mean averages vectors that each saw only a prefix.
    </>
  );
}
