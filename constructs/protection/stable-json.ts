/**
 * JSON with sorted keys and two-space indentation, byte for byte as cdktf writes cdk.tf.json (json-stable-stringify
 * with `space: 2`: an empty object or array still spans two lines), so that a synthesized file read, changed and written
 * again differs only where it was changed.
 */
export function stableJson(value: unknown, level = 0): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const indent = `\n${"  ".repeat(level)}`;
  const item = (text: string) => `${indent}  ${text}`;
  if (Array.isArray(value)) {
    const items = value.map((v) => item(v === undefined ? "null" : stableJson(v, level + 1)));
    return `[${items.join(",")}${indent}]`;
  }
  const record = value as Record<string, unknown>;
  const items = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => item(`${JSON.stringify(key)}: ${stableJson(record[key], level + 1)}`));
  return `{${items.join(",")}${indent}}`;
}
