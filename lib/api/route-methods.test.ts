/**
 * The table of methods per path (route-methods.ts) against the route files themselves: each route's OPTIONS
 * lists what the table says, and every other method it exports answers 405 naming the same ones.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { allowHeader, methodsAnsweredAt } from "./route-methods";

const APP = join(process.cwd(), "app");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return name === "route.ts" ? [path] : [];
  });
}

/** app/api/kbs/[id]/export/route.ts -> /api/kbs/kb_x/export */
function pathOf(file: string): string {
  return `/${relative(APP, file).replace(/\/?route\.ts$/, "").replace(/\[[^\]]+\]/g, "kb_x")}`;
}

const files = routeFiles(APP);

describe("the methods each route answers", () => {
  it("finds every route file", () => {
    expect(files.length).toBeGreaterThanOrEqual(19);
  });

  it.each(files.map((file) => [pathOf(file), file]))("%s: OPTIONS and the 405s agree with the table", async (path, file) => {
    const route = (await import(file)) as Record<string, (request: Request) => Promise<Response>>;
    const table = methodsAnsweredAt(path);
    const options = await route.OPTIONS(new Request(`http://localhost${path}`, { method: "OPTIONS" }));
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe(allowHeader(table));
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      expect(typeof route[method], `${path} ${method}`).toBe("function");
      if (table.includes(method)) continue;
      const refused = await route[method](new Request(`http://localhost${path}`, { method }));
      expect(refused.status, `${path} ${method}`).toBe(405);
      expect(refused.headers.get("allow")).toBe(table.join(", "));
    }
  });
});
