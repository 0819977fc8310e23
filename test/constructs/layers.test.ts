// The folders of constructs/ form layers: the scenario constructs (patterns/) build on the primitives (access/,
// registry/, network/, cluster/), which build on the neutral helpers (validation/, and engine.ts, tokens.ts). The
// graph is read from the real import statements with the TypeScript parser; type-only imports are not edges (they
// vanish at runtime and cannot make a module load another).
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..", "..", "constructs");

/** Layer of each folder (or top-level module, without `.ts`); a higher layer may import a lower one only. */
const LAYER: Record<string, number> = {
  patterns: 3,
  access: 2,
  registry: 2,
  network: 2,
  cluster: 2,
  validation: 1,
  engine: 0,
  tokens: 0,
};

/** The primitives that grants build on import no other primitive: access/ stays dependency-light. */
const LEAF_PRIMITIVES = ["access"];

interface Edge {
  readonly from: string;
  readonly to: string;
  /** `file: specifier`, for messages. */
  readonly where: string;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith(".ts"));
}

/** The folder below constructs/ that `file` is in, or the top-level module's name. */
function unitOf(file: string): string {
  const [first, ...rest] = path.relative(ROOT, file).split(path.sep);
  return rest.length > 0 ? first : first.replace(/\.ts$/, "");
}

/** Value-level imports and re-exports of `source` (the file `file`) that leave its unit and stay in constructs/. */
function edgesOf(file: string, source: string): Edge[] {
  const parsed = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const edges: Edge[] = [];
  for (const statement of parsed.statements) {
    let specifier: string | undefined;
    let typeOnly = false;
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      specifier = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      const named = clause?.namedBindings;
      typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)));
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      specifier = statement.moduleSpecifier.text;
      typeOnly = statement.isTypeOnly;
    }
    if (specifier === undefined || typeOnly || !specifier.startsWith(".")) continue;
    const target = path.resolve(path.dirname(file), specifier);
    if (path.relative(ROOT, target).startsWith("..")) continue;
    const from = unitOf(file);
    const to = unitOf(fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, "x") : target);
    if (from !== to) edges.push({ from, to, where: `${path.relative(ROOT, file)}: "${specifier}"` });
  }
  return edges;
}

/** Every edge that goes against the layers, as a message. */
function violations(edges: readonly Edge[]): string[] {
  return edges.flatMap((e) => {
    const from = LAYER[e.from];
    const to = LAYER[e.to];
    if (from !== undefined && to !== undefined && to > from) {
      return [`${e.where}: ${e.from} (layer ${from}) imports ${e.to} (layer ${to})`];
    }
    if (LEAF_PRIMITIVES.includes(e.from) && to === 2) return [`${e.where}: ${e.from} imports the primitive ${e.to}`];
    if (e.to === "index" && from !== undefined) return [`${e.where}: ${e.from} imports the public index`];
    return [];
  });
}

const edges = filesUnder(ROOT).flatMap((file) => edgesOf(file, fs.readFileSync(file, "utf8")));

describe("the folder graph of constructs/", () => {
  test("the parser sees the edges that exist (the check below is not vacuous)", () => {
    const pairs = new Set(edges.map((e) => `${e.from} -> ${e.to}`));
    for (const pair of ["patterns -> access", "patterns -> registry", "registry -> access", "access -> validation"]) {
      expect(pairs).toContain(pair);
    }
  });

  test("no value-level import goes against patterns -> access/registry/network/cluster -> validation", () => {
    expect(violations(edges)).toEqual([]);
  });

  test("type-only imports are not edges; a value import against the layers is reported with its file", () => {
    const file = path.join(ROOT, "access", "example.ts");
    const bad = edgesOf(
      file,
      [
        'import type { Namespace } from "../registry/namespace";',
        'import { type ClusterPullAccess } from "../patterns/cluster-pull-access";',
        'import { Repository } from "../registry/repository";',
        'export { CiPushPrincipal } from "../patterns/ci-push-principal";',
      ].join("\n"),
    );
    expect(violations(bad)).toEqual([
      'access/example.ts: "../registry/repository": access imports the primitive registry',
      'access/example.ts: "../patterns/ci-push-principal": access (layer 2) imports patterns (layer 3)',
    ]);
  });
});
