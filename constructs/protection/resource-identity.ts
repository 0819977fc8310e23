import { createHash } from "node:crypto";
import { DATA_HOLDING_TYPES, DATA_NAME_ATTRIBUTES, DataNames } from "../guardrails/rules";

/** A stack's Terraform JSON, as far as protection reads it. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  [key: string]: unknown;
}

/** What synthesis knows about one resource of a stack. */
export type ResourceIdentity =
  /** Data-holding and protected (`prevent_destroy`): known by its cloud names. */
  | { readonly kind: "protected"; readonly identity: DataNames }
  /** Anything else: known by a fingerprint of its configuration, in which references name identities, not addresses. */
  | { readonly kind: "other"; readonly fingerprint: string };

// `type.Name` or `data.type.Name` inside `${...}`; a whole string that is an address (and maybe an attribute).
const REFERENCE = /\b(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g;
const BARE_ADDRESS = /^((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)(\.[A-Za-z0-9_.[\]]+)?$/;

/**
 * The identity of every resource of `json` by address (`<type>.<name>`). References between resources are replaced by
 * the identity of what they reference, so that renaming a construct (which changes every address below it) leaves
 * identities unchanged.
 */
export function resourceIdentities(json: StackJson): Map<string, ResourceIdentity> {
  const memo = new Map<string, string>();
  const configs = new Map<string, Record<string, unknown>>();
  for (const [section, prefix] of [
    [json.resource, ""],
    [json.data, "data."],
  ] as const) {
    for (const [type, byName] of Object.entries(section ?? {})) {
      for (const [name, config] of Object.entries(byName)) configs.set(`${prefix}${type}.${name}`, config);
    }
  }
  // The identity key of an address, resolving what it references first (Terraform configurations are acyclic; an
  // address met again while it is being resolved stands for itself).
  const keyOf = (address: string): string => {
    const known = memo.get(address);
    if (known !== undefined) return known;
    const config = configs.get(address);
    if (config === undefined) return address; // not an element of this stack
    memo.set(address, address);
    const type = address.replace(/^data\./, "").split(".")[0];
    const key = isProtected(address, config)
      ? `${type} ${JSON.stringify(protectedIdentity(type, config, keyOf))}`
      : `${type} ${fingerprintOf(normalized(withoutMetadata(config), keyOf))}`;
    memo.set(address, key);
    return key;
  };
  const identities = new Map<string, ResourceIdentity>();
  for (const [address, config] of configs) {
    if (address.startsWith("data.")) continue;
    const type = address.split(".")[0];
    identities.set(
      address,
      isProtected(address, config)
        ? { kind: "protected", identity: protectedIdentity(type, config, keyOf) }
        : { kind: "other", fingerprint: keyOf(address).slice(type.length + 1) },
    );
  }
  return identities;
}

/** The canonical text of an identity, for comparisons. */
export function identityKey(identity: ResourceIdentity): string {
  return identity.kind === "protected" ? JSON.stringify(identity.identity) : identity.fingerprint;
}

function isProtected(address: string, config: Record<string, unknown>): boolean {
  const lifecycle = config.lifecycle as { prevent_destroy?: unknown } | undefined;
  return DATA_HOLDING_TYPES.includes(address.split(".")[0]) && lifecycle?.prevent_destroy === true;
}

function protectedIdentity(
  type: string,
  config: Record<string, unknown>,
  keyOf: (address: string) => string,
): DataNames {
  const identity: Record<string, string> = {};
  for (const [field, attribute] of Object.entries(DATA_NAME_ATTRIBUTES[type] ?? {})) {
    const value = config[attribute];
    if (value === undefined) continue;
    identity[field] = typeof value === "string" ? instanceName(value, keyOf) : JSON.stringify(value);
  }
  return identity;
}

// An instance reference names the instance it points to: `${alicloud_cr_ee_instance.X.id}` becomes X's name.
function instanceName(value: string, keyOf: (address: string) => string): string {
  const whole = /^\$\{((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.[a-z_0-9[\]]+\}$/.exec(value);
  if (whole === null) return value;
  const key = keyOf(whole[1]);
  const instance = /^alicloud_cr_ee_instance (\{.*\})$/.exec(key);
  return instance ? ((JSON.parse(instance[1]) as DataNames).instance ?? key) : key;
}

function withoutMetadata(config: Record<string, unknown>): Record<string, unknown> {
  const { "//": _metadata, ...rest } = config;
  return rest;
}

// References become the identity of what they reference: inside interpolations, and as bare addresses (cdktf writes
// `depends_on` and `replace_triggered_by` entries without `${}`).
function normalized(value: unknown, keyOf: (address: string) => string): unknown {
  if (typeof value === "string") {
    const bare = BARE_ADDRESS.exec(value);
    if (bare !== null && keyOf(bare[1]) !== bare[1]) return `<${keyOf(bare[1])}>${bare[2] ?? ""}`;
    return value.replace(/\$\{[^}]*\}/g, (interpolation) =>
      interpolation.replace(REFERENCE, (_match, data: string | undefined, type: string, name: string) => {
        return `<${keyOf(`${data ?? ""}${type}.${name}`)}>`;
      }),
    );
  }
  if (Array.isArray(value)) return value.map((item) => normalized(item, keyOf));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, normalized((value as Record<string, unknown>)[key], keyOf)]),
    );
  }
  return value;
}

function fingerprintOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);
}
