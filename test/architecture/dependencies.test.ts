import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SRC_ROOT, areaCycles, forbiddenImports, importEdges, readSources, type SourceFile } from "./dependencies.js";

describe("dependencies run one way", () => {
  test("no file under src/ imports across floors against ALLOWED_IMPORTS, or leaves src/", () => {
    assert.deepEqual(forbiddenImports(importEdges(readSources(SRC_ROOT))), []);
  });

  test("no cycle between top-level folders", () => {
    assert.deepEqual(areaCycles(importEdges(readSources(SRC_ROOT))), []);
  });

  test("the check finds a deliberately upward import: the domain reaching into storage", () => {
    const tree: SourceFile[] = [
      ...readSources(SRC_ROOT),
      { path: "domain/users/upward.ts", text: 'import { openStore } from "../../storage/open.js";\n' },
    ];
    assert.deepEqual(forbiddenImports(importEdges(tree)), [
      'src/domain/users/upward.ts:1 imports "../../storage/open.js": domain/ may not import storage/ (allowed: model, errors)',
    ]);
  });

  test("the check finds http/ and cli/ reaching around the app, and imports from outside src/", () => {
    const tree: SourceFile[] = [
      { path: "http/pages.ts", text: 'import type { UserRecord } from "../domain/users/types.js";\n' },
      { path: "cli/commands/x.ts", text: 'export { openStore } from "../../storage/open.js";\n' },
      { path: "api/y.ts", text: 'const model = await import("../../model/x.json");\n' },
    ];
    const problems = forbiddenImports(importEdges(tree));
    assert.equal(problems.length, 3);
    assert.match(problems[0]!, /^src\/http\/pages\.ts:1 .*http\/ may not import domain\//);
    assert.match(problems[1]!, /^src\/cli\/commands\/x\.ts:1 .*cli\/ may not import storage\//);
    assert.match(problems[2]!, /^src\/api\/y\.ts:1 .*outside src\//);
  });

  test("the check finds a cycle between folders and an unplaced folder", () => {
    const tree: SourceFile[] = [
      { path: "widgets/a.ts", text: 'import { b } from "../gadgets/b.js";\n' },
      { path: "gadgets/b.ts", text: 'import { a } from "../widgets/a.js";\n' },
    ];
    assert.deepEqual(areaCycles(importEdges(tree)), [["gadgets", "widgets", "gadgets"]]);
    assert.match(forbiddenImports(importEdges(tree))[0]!, /widgets\/ is not a known floor/);
  });
});
