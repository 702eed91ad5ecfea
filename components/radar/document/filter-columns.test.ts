import { describe, expect, it } from "vitest";
import { activeFilter, filterColumns } from "./filter-columns";

describe("filterColumns", () => {
  const rows = [
    { metadata: { category: "food", id: "1", lang: "en" } },
    { metadata: { category: "tech", id: "2", lang: "en" } },
    { metadata: { category: "food", id: "3", lang: "en" } },
    {},
  ];

  it("lists the columns with a few distinct values, sorted; not an id (every row differs) nor a constant", () => {
    expect(filterColumns(rows)).toEqual([{ name: "category", values: ["food", "tech"] }]);
  });

  it("leaves out a column with more values than a select list holds", () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ metadata: { bucket: String(i % 5) } }));
    expect(filterColumns(many, 4)).toEqual([]);
    expect(filterColumns(many, 5)).toEqual([{ name: "bucket", values: ["0", "1", "2", "3", "4"] }]);
  });

  it("finds nothing in a document without metadata", () => {
    expect(filterColumns([{}, {}])).toEqual([]);
  });
});

describe("activeFilter", () => {
  it("keeps only the columns with a value chosen, or nothing", () => {
    expect(activeFilter({ category: "food", lang: "" })).toEqual({ category: "food" });
    expect(activeFilter({ lang: "" })).toBeUndefined();
  });
});
