// The protection record in exactly the form synth writes it, read and written line by line without the YAML library:
// the library takes ~10 ms to parse or render one record of 50 lines, and every synth reads and writes every
// stack's record. Only what is certain is handled here — plain scalars that YAML 1.2 (the core schema the library
// uses) reads as the same string — and anything else (a hand-edited file, a quoted name) goes to the library. The
// tests check both ways against it.

/** A record's content before validation: what `yaml`'s `toJS()` gives for it. */
export interface RecordValue {
  readonly version: number;
  readonly protected: Record<string, Record<string, unknown>>;
  readonly others: Record<string, Record<string, unknown>>;
}

const SECTIONS = ["protected", "others"] as const;
// Characters of a plain scalar that needs no quotes in a flow collection, starting with a letter, digit or `_`.
const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;
// What the core schema reads as something other than a string: null, booleans, integers, floats.
const NOT_A_STRING = new RegExp(
  [
    "^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE",
    "[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+",
    "[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$",
  ].join("|"),
);
const ENTRY = /^ {2}([^:\s]+): \{ (.*) \}$/;
const FIELD = /^([A-Za-z]+): (?:\[ (.*) \]|([^[\]{},\s]+))$/;

const isPlain = (text: string) => PLAIN.test(text) && !NOT_A_STRING.test(text);

/**
 * The content of `text` when it is in the form synth writes; `undefined` for anything else, which the YAML library
 * must read (it reports what is wrong, or reads what a person wrote by hand).
 */
export function readCanonicalRecord(text: string): RecordValue | undefined {
  const lines = text.split("\n");
  let at = 0;
  while (at < lines.length && lines[at].startsWith("#")) at++;
  if (lines[at++] !== "") return undefined;
  const version = /^version: ([1-9][0-9]*)$/.exec(lines[at++] ?? "");
  if (version === null) return undefined;
  const value = { version: Number(version[1]), protected: {}, others: {} } as RecordValue;
  for (const section of SECTIONS) {
    if (lines[at] === `${section}: {}`) {
      at++;
      continue;
    }
    if (lines[at++] !== `${section}:`) return undefined;
    const entries = value[section];
    for (let entry = ENTRY.exec(lines[at]); entry !== null; entry = ENTRY.exec(lines[++at] ?? "")) {
      const fields = readFields(entry[2]);
      if (!isPlain(entry[1]) || fields === undefined || entry[1] in entries) return undefined;
      entries[entry[1]] = fields;
    }
    if (Object.keys(entries).length === 0) return undefined;
  }
  return lines.slice(at).join("") === "" ? value : undefined;
}

// `key: value, key: [ a, b ]` of one entry.
function readFields(text: string): Record<string, unknown> | undefined {
  const fields: Record<string, unknown> = {};
  // A comma inside brackets belongs to the list: split at the commas that are not.
  for (const part of text.match(/[^,[]+(?:\[[^\]]*\][^,[]*)?/g) ?? []) {
    const field = FIELD.exec(part.trim());
    if (field === null || field[1] in fields) return undefined;
    if (field[2] === undefined) {
      if (!isPlain(field[3])) return undefined;
      fields[field[1]] = field[3];
    } else {
      const items = field[2].split(", ");
      if (!items.every(isPlain)) return undefined;
      fields[field[1]] = items;
    }
  }
  return text === writeFields(fields) ? fields : undefined;
}

/**
 * `value` as the YAML library writes it with `header` as the document's comment (one `#` line each), every entry on
 * one line; `undefined` when a value is not a plain scalar (the library then quotes it).
 */
export function writeCanonicalRecord(header: readonly string[], value: RecordValue): string | undefined {
  const lines = [...header.map((line) => `#${line}`), "", `version: ${value.version}`];
  for (const section of SECTIONS) {
    const entries = Object.entries(value[section]);
    if (entries.length === 0) lines.push(`${section}: {}`);
    else lines.push(`${section}:`);
    for (const [address, fields] of entries) {
      const written = writeFields(fields);
      if (!isPlain(address) || written === undefined) return undefined;
      lines.push(`  ${address}: { ${written} }`);
    }
  }
  return `${lines.join("\n")}\n`;
}

const isPlainList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string" && isPlain(item));

function writeFields(fields: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  for (const [key, field] of Object.entries(fields)) {
    if (typeof field === "string" && isPlain(field)) parts.push(`${key}: ${field}`);
    else if (isPlainList(field)) parts.push(`${key}: [ ${field.join(", ")} ]`);
    else return undefined;
  }
  return parts.length > 0 ? parts.join(", ") : undefined;
}
