import type { Adoption } from "./to-definition";

/** What the header of the written file says about its source. */
export interface RenderContext {
  /** The module specifier of `stacks/platform/definition` from the output file. */
  readonly definitionModule: string;
  /** `live` or `replay of <dir>`. */
  readonly source: string;
  readonly instanceId: string;
  readonly region: string;
}

const WIDTH = 120;

/**
 * The TypeScript module `npm run adopt` writes: a header saying where it came from and what to review, the settings
 * not carried over as a comment, and `definition`, a complete PlatformDefinition. Deterministic: the same reading
 * renders the same bytes (no time stamp).
 */
export function renderDefinitionModule(adoption: Adoption, context: RenderContext): string {
  const imports = Object.entries(adoption.imports)
    .filter(([, n]) => n > 0)
    .map(([type, n]) => `${n} ${type}`)
    .join(", ");
  const header = [
    `Written by \`npm run adopt\` from instance ${context.instanceId} (${context.region}).`,
    `Source: ${context.source}.`,
    "",
    `The first plan imports what exists (${imports || "nothing"}) and must show 0 to add, 0 to change and 0 to ` +
      "destroy. Before the first apply, review: the guardrail exceptions (public content and the Internet endpoint " +
      "as the cloud has them today), the settings below that are not carried over, and the names and owner given " +
      "on the command line. After the first apply, delete `importExisting`: the imports are done, and an object " +
      "added later would get an import block too.",
  ];
  const comment = (title: string, lines: readonly string[]) =>
    lines.length === 0 ? [] : ["", `${title}:`, ...lines.map((l) => `- ${l}`)];
  const notes = [
    ...comment("Not carried over (not modelled by this project)", adoption.unmodelled),
    ...comment("Left out (this project's validation rejects them)", adoption.leftOut),
  ];
  return [
    ...blockComment([...header, ...notes]),
    `import type { PlatformDefinition } from ${JSON.stringify(context.definitionModule)};`,
    "",
    `export const definition: PlatformDefinition = ${renderValue(adoption.definition, 0, 33)};`,
    "",
  ].join("\n");
}

function blockComment(lines: readonly string[]): string[] {
  const wrapped = lines.flatMap((line) => wrap(line, WIDTH - 3));
  // "*/" inside a value read from the cloud would end the comment early.
  return ["/*", ...wrapped.map((l) => ` ${l.replace(/\*\//g, "*\\/")}`.trimEnd()), " */"];
}

function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = line.startsWith("- ") ? "  " : "";
  const out: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    if (current !== "" && current.length + 1 + word.length > width) {
      out.push(current);
      current = indent + word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  return [...out, current];
}

/** A value as TypeScript source: on one line when it fits after `used` characters, else one entry per line. */
function renderValue(value: unknown, depth: number, used: number): string {
  const flat = renderFlat(value);
  if (used + flat.length <= WIDTH - 1 || typeof value !== "object" || value === null) return flat;
  const pad = "  ".repeat(depth + 1);
  const entries = Array.isArray(value)
    ? value.map((v) => `${pad}${renderValue(v, depth + 1, pad.length)},`)
    : Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => {
          const key = `${pad}${renderKey(k)}: `;
          return `${key}${renderValue(v, depth + 1, key.length)},`;
        });
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${entries.join("\n")}\n${"  ".repeat(depth)}${close}`;
}

function renderFlat(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderFlat).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([k, v]) => `${renderKey(k)}: ${renderFlat(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

const renderKey = (key: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key));
