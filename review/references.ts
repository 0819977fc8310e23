/**
 * Names for the references in a stack's Terraform JSON, so a review never shows a raw `${...}`: a reference to a
 * resource of the stack becomes the name it has in the cloud (`<acme-prod>` for an instance id,
 * `<role ci-image-push>` for a role's name or id, `<arn of role ci-image-push>`), anything else the expression in
 * angle brackets (`<data.alicloud_account.current.id>`).
 */
import { JsonObject } from "./markdown";

/** A resource of the stack as the name resolver needs it. */
export interface NamedResource {
  readonly type: string;
  readonly name: string;
  readonly path: string;
  readonly body: JsonObject;
}

/** The word for each type's kind, and the attributes that name it in the cloud (the provider accepts either). */
const NAMES: { readonly [type: string]: readonly [kind: string, ...attributes: string[]] } = {
  alicloud_cr_ee_instance: ["registry", "instance_name"],
  alicloud_cr_ee_namespace: ["namespace", "name"],
  alicloud_cr_chart_namespace: ["chart namespace", "namespace_name"],
  alicloud_ram_role: ["role", "role_name", "name"],
  alicloud_ram_user: ["user", "user_name", "name"],
  alicloud_ram_group: ["group", "group_name", "name"],
  alicloud_ram_policy: ["policy", "policy_name", "name"],
};

/** Attributes that stand for the resource itself: a reference to one of them is shown as the resource's name. */
const IDENTITY_ATTRIBUTES = new Set([
  "id",
  "name",
  "instance_name",
  "role_name",
  "user_name",
  "group_name",
  "policy_name",
]);

const REFERENCE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)$/;

/** Resolves `${...}` expressions in the values of one stack. */
export class StackNames {
  private readonly byAddress = new Map<string, { kind: string; name: string }>();

  public constructor(resources: readonly NamedResource[]) {
    for (const r of resources) {
      const [kind, ...attributes] = NAMES[r.type] ?? [r.type.replace(/^alicloud_/, ""), "name"];
      const value = attributes.map((a) => r.body[a]).find((v) => v !== undefined);
      const name = typeof value === "string" && !value.includes("${") ? value : r.path;
      this.byAddress.set(`${r.type}.${r.name}`, { kind, name });
    }
  }

  /** The cloud name of a resource of the stack by address, if it has one. */
  public nameOf(address: string): string | undefined {
    return this.byAddress.get(address)?.name;
  }

  /** `value` with every `${...}` replaced by a name or, failing that, by the expression in angle brackets. */
  public resolve(value: string): string {
    return value.replace(/\$\{([^}]*)\}/g, (_, expression: string) => `<${this.describe(expression.trim())}>`);
  }

  private describe(expression: string): string {
    const match = REFERENCE.exec(expression);
    const target = match === null ? undefined : this.byAddress.get(`${match[1]}.${match[2]}`);
    if (match === null || target === undefined) return expression;
    if (match[1] === "alicloud_cr_ee_instance" && match[3] === "id") return target.name;
    return IDENTITY_ATTRIBUTES.has(match[3])
      ? `${target.kind} ${target.name}`
      : `${match[3]} of ${target.kind} ${target.name}`;
  }
}
