import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";

/**
 * The floors of src/ and what each may import (ARCHITECTURE.md). A top-level file is its own area
 * (`app.ts` is "app"). Anything not listed here is refused, so a new folder must be placed first.
 */
export const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  model: [],
  config: [],
  errors: ["model"],
  protocol: ["model", "errors", "config"],
  domain: ["model", "errors"],
  storage: ["domain", "model", "errors", "config"],
  api: ["domain", "protocol", "model", "errors", "config"],
  app: ["api", "domain", "storage", "protocol", "model", "errors", "config"],
  web: [],
  http: ["app", "web", "protocol", "model", "errors", "config"],
  cli: ["app", "http", "config", "errors"],
  index: ["app", "http", "config", "errors"],
};

export interface SourceFile {
  /** Relative to src/, with forward slashes. */
  path: string;
  text: string;
}

export interface ImportEdge {
  from: string;
  to: string;
  specifier: string;
  line: number;
}

/** Every non-test TypeScript file under `srcRoot`. */
export function readSources(srcRoot: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        files.push({ path: relative(srcRoot, path).split(sep).join("/"), text: readFileSync(path, "utf8") });
      }
    }
  };
  walk(srcRoot);
  return files;
}

/** The relative imports of each file (static, dynamic and `import("…")` types alike), resolved against src/. */
export function importEdges(files: readonly SourceFile[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of files) {
    file.text.split("\n").forEach((text, index) => {
      for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/g)) {
        const specifier = match[1]!;
        edges.push({ from: file.path, to: posix.normalize(posix.join(posix.dirname(file.path), specifier)), specifier, line: index + 1 });
      }
    });
  }
  return edges;
}

/** The floor a path under src/ is on: its top-level folder, or a top-level file's name without extension. */
export function areaOf(path: string): string {
  const [first, ...rest] = path.split("/");
  return rest.length === 0 ? first!.replace(/\.(ts|js)$/, "") : first!;
}

/** One line per import that leaves src/ or crosses floors in a direction ALLOWED_IMPORTS does not allow. */
export function forbiddenImports(edges: readonly ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const edge of edges) {
    const where = `src/${edge.from}:${edge.line} imports "${edge.specifier}"`;
    if (edge.to.startsWith("../")) {
      problems.push(`${where}, outside src/`);
      continue;
    }
    const from = areaOf(edge.from);
    const to = areaOf(edge.to);
    if (from === to) continue;
    const allowed = ALLOWED_IMPORTS[from];
    if (allowed === undefined) problems.push(`${where}: ${from}/ is not a known floor (add it to ALLOWED_IMPORTS)`);
    else if (!allowed.includes(to)) problems.push(`${where}: ${from}/ may not import ${to}/ (allowed: ${allowed.join(", ") || "nothing"})`);
  }
  return problems;
}

/** Cycles between floors, each as the list of floors around it. */
export function areaCycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const edge of edges) {
    const from = areaOf(edge.from);
    const to = areaOf(edge.to);
    if (from === to || edge.to.startsWith("../")) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from)!.add(to);
  }
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (area: string) => {
    state.set(area, "open");
    path.push(area);
    for (const next of graph.get(area) ?? []) {
      if (state.get(next) === "open") cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    path.pop();
    state.set(area, "done");
  };
  for (const area of [...graph.keys()].sort()) if (state.get(area) === undefined) visit(area);
  return cycles;
}

export const SRC_ROOT = join(dirname(new URL(import.meta.url).pathname), "../../src");
