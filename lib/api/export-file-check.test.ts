import { describe, expect, it } from "vitest";
import { exportFileSchema } from "./contract";
import { damagedExportMessage, exportFileTextProblem, notAnExportMessage } from "./export-file-check";

describe("exportFileTextProblem", () => {
  it("names what makes a file not a Semantic Radar export", () => {
    expect(exportFileTextProblem("id,text\n1,hello")).toEqual({ kind: "not-json" });
    expect(exportFileTextProblem("[1, 2]")).toEqual({ kind: "no-format" });
    expect(exportFileTextProblem('{"entries": ["a"]}')).toEqual({ kind: "no-format" });
    expect(exportFileTextProblem('{"format": "openai-batch"}')).toEqual({ kind: "other-format", format: "openai-batch" });
    expect(exportFileTextProblem('{"format": "semantic-radar-kb", "version": 2}')).toEqual({ kind: "other-version", version: "2" });
  });

  it("lets an export of this version through to the deeper checks", () => {
    expect(exportFileTextProblem('{"format": "semantic-radar-kb", "version": 1, "manifest": {}}')).toBeNull();
  });
});

describe("the messages", () => {
  it("say it in plain words, with no schema path", () => {
    expect(notAnExportMessage({ kind: "no-format" })).toBe(
      'This file is not a Semantic Radar export: it has no "format": "semantic-radar-kb" field (use a file from Export in the library).',
    );
    const parsed = exportFileSchema.safeParse({ format: "semantic-radar-kb", version: 1, manifest: { kbId: "kb_1" }, entries: [1], report: {}, truncated: [] });
    expect(parsed.success).toBe(false);
    const message = damagedExportMessage(parsed.error!.issues);
    expect(message).toMatch(/^This Semantic Radar export is damaged: its manifest .*; its entries are missing or not all text; its vectors/);
    expect(message).not.toMatch(/`|\[\d\]|manifest\.\w/);
  });

  it("names a NUL as text the store cannot keep, not as damage to the file's shape", () => {
    const parsed = exportFileSchema.safeParse({ format: "semantic-radar-kb", version: 1, entries: ["a\u0000"] });
    expect(damagedExportMessage(parsed.error!.issues)).toMatch(/entry 1 holds a NUL character \(U\+0000\), which the store cannot keep/);
  });
});
