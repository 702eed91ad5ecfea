import { describe, expect, it } from "vitest";
import { columnEntries, parseCsv } from "./import-csv";

describe("parseCsv", () => {
  it("finds a header by a known column name and picks that column", () => {
    const table = parseCsv("id,text,score\n1,How do I reset my password?,3\n2,Shipping takes five days,4\n");
    expect(table.hasHeader).toBe(true);
    expect(table.columns).toEqual(["id", "text", "score"]);
    expect(table.textColumn).toBe(1);
    expect(columnEntries(table, table.textColumn)).toEqual(["How do I reset my password?", "Shipping takes five days"]);
  });

  it("knows Chinese column names", () => {
    const table = parseCsv("编号,内容\n1,我饿了\n2,肚子咕咕叫\n");
    expect(table.hasHeader).toBe(true);
    expect(columnEntries(table, table.textColumn)).toEqual(["我饿了", "肚子咕咕叫"]);
  });

  it("picks the longest column when no name says which", () => {
    const table = parseCsv("q1,The weather is lovely today in the park\nq2,My stomach is growling loudly again\n");
    expect(table.hasHeader).toBe(false);
    expect(table.columns).toEqual(["Column 1", "Column 2"]);
    expect(table.textColumn).toBe(1);
    expect(table.rows).toHaveLength(2);
  });

  it("takes a short label over long sentences as a header", () => {
    const table = parseCsv("sentence_a,label\nA fairly long sentence about the weather,0\nAnother fairly long sentence about food,1\n");
    expect(table.hasHeader).toBe(true);
    expect(table.textColumn).toBe(0);
  });

  it("handles quoted commas, quotes and newlines inside a cell (a cell over two lines stays one entry)", () => {
    const table = parseCsv('text\n"Hello, world"\n"She said ""hi"""\n"two\nlines"\n');
    expect(columnEntries(table, 0)).toEqual(["Hello, world", 'She said "hi"', "two lines"]);
  });

  it("detects tabs, strips a byte-order mark and skips blank rows", () => {
    const table = parseCsv("\uFEFFid\ttext\n1\tfirst entry here\n\n2\tsecond entry here\n");
    expect(table.columns).toEqual(["id", "text"]);
    expect(columnEntries(table, 1)).toEqual(["first entry here", "second entry here"]);
  });

  it("lets the caller override the header guess", () => {
    const table = parseCsv("text\nabc\n", false);
    expect(table.hasHeader).toBe(false);
    expect(columnEntries(table, 0)).toEqual(["text", "abc"]);
  });

  it("pads short rows so every column has a cell", () => {
    const table = parseCsv("a,b,c\nlonger text here,x\n", true);
    expect(table.rows[0]).toEqual(["longer text here", "x", ""]);
  });

  it("refuses a file with no cells, saying what it expected", () => {
    expect(() => parseCsv("\n\n ,  \n")).toThrow(/The file has no rows: expected CSV or TSV text with at least one non-empty cell/);
  });
});

describe("columnEntries", () => {
  it("refuses a column that does not exist, naming the valid range", () => {
    const table = parseCsv("a,b\nc,d\n");
    expect(() => columnEntries(table, 2)).toThrow(/Expected a column from 0 to 1, got 2/);
  });
});
