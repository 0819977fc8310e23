import { Construct, IConstruct } from "constructs";
import { RamPolicy } from "../../.gen/providers/alicloud/ram-policy";
import { logicalIdAt, TerraformStack } from "../engine";
import { FieldChecks } from "../validation/field-checks";
import type { Grant } from "./grant";
import type { PolicyAttachment } from "./grantee";
import { identityOf, IdentityRecord } from "./identity";
import { MAX_POLICY_DOCUMENT_LENGTH, PolicyDocument } from "./policy-document";
import { granteePolicyName } from "./policy-name";
import type { PolicyStatement } from "./policy-statement";

/** RAM attaches at most 10 custom policies to one user, group or role (RAM limits page, "policies per identity"). */
export const MAX_CUSTOM_POLICIES_PER_IDENTITY = 10;

/**
 * Construct paths, below the stack, of the policy and attachment that an earlier layout of this library created for
 * one grant (one policy per grant call). The first grant of an identity names them, so that its default policy
 * takes over their state with `moved` blocks instead of a destroy and an unrelated create.
 */
export interface LegacyGrantPaths {
  /** The `alicloud_ram_policy`, e.g. `["Registry", "Grant-pull-Ci", "Policy"]`. */
  readonly policy: readonly string[];
  /** Its attachment, e.g. `["Registry", "Grant-pull-Ci", "Attachment"]`. */
  readonly attachment: readonly string[];
}

/** The construct ids from below `construct`'s stack down to it, followed by `ids`: a path of {@link LegacyGrantPaths}. */
export function pathBelowStack(construct: IConstruct, ...ids: string[]): string[] {
  const scopes = construct.node.scopes;
  return [...scopes.slice(scopes.indexOf(TerraformStack.of(construct)) + 1).map((c) => c.node.id), ...ids];
}

/** Where the earlier layout kept the policy and attachment of a grant it made as construct `id` below `scope`. */
export function legacyGrantPaths(scope: IConstruct, id: string): LegacyGrantPaths {
  return { policy: pathBelowStack(scope, id, "Policy"), attachment: pathBelowStack(scope, id, "Attachment") };
}

const policiesByIdentity = new WeakMap<IdentityRecord, GranteePolicy[]>();

/**
 * One custom policy of an identity and its attachment: the default policy that grants add statements to, or (from
 * the second on) a policy the statements spill into when one document would exceed RAM's 6,144 characters. It
 * lives below the identity's first grantee construct; its document holds the statements of every grant in it.
 */
export class GranteePolicy extends Construct {
  /** Position among the identity's policies, from 1 (the default policy). */
  public readonly index: number;
  /** The identity's name in messages, e.g. `role "ci-builder"`. */
  public readonly identityLabel: string;
  /** Name of the custom policy: from the identity's cloud name, so it survives renaming constructs. */
  public readonly policyName: string;
  /** The document as attached: every statement of every grant in this policy, merged and sorted. */
  public readonly document: PolicyDocument;
  /** The underlying `alicloud_ram_policy`. */
  public readonly resource: RamPolicy;
  /** The attachment of {@link resource} to the identity. */
  public readonly attachment: PolicyAttachment;
  private readonly held: Grant[] = [];
  private moved = false;

  private constructor(identity: IdentityRecord, index: number) {
    super(identity.grantee, index === 1 ? "DefaultPolicy" : `DefaultPolicy${index}`);
    const grantee = identity.grantee;
    this.index = index;
    this.identityLabel = identity.label;
    this.document = new PolicyDocument({ kind: "permission" });
    const stack = TerraformStack.of(this).node.id;
    this.policyName = granteePolicyName(
      `${grantee.granteeKind}-${identity.name}`,
      index,
      `${stack}\u0000${identity.label}`,
    );
    this.resource = new RamPolicy(this, "Resource", {
      policyName: this.policyName,
      // Rendered again by each grant that adds statements (see place).
      policyDocument: this.document.toJson(),
      description: `Grants of acr-platform to ${identity.label}${index > 1 ? ` (part ${index})` : ""}`,
      // Each edit adds a policy version and RAM keeps at most 5.
      rotateStrategy: "DeleteOldestNonDefaultVersionWhenLimitExceeded",
      provider: grantee.provider,
      // A replacement (a new name) creates the new policy before the old one goes, so the identity keeps access.
      lifecycle: { createBeforeDestroy: true },
    });
    this.attachment = grantee.attachCustomPolicy(this, "Attachment", this.resource.policyName);
    this.attachment.lifecycle = { createBeforeDestroy: true };
    this.node.addValidation({ validate: () => this.problems(identity) });
  }

  /**
   * The policy of `grantee`'s identity that `statements` go into: its newest policy when that document stays within
   * 6,144 characters with them (tokens counted at their longest, see {@link PolicyDocument.length}), else a new one.
   * `legacy` moves an earlier layout's policy into the identity's default policy, for the first grant that has one.
   */
  public static place(grant: Grant, statements: readonly PolicyStatement[], legacy?: LegacyGrantPaths): GranteePolicy {
    const identity = identityOf(grant.grantee);
    let policies = policiesByIdentity.get(identity);
    if (!policies) policiesByIdentity.set(identity, (policies = []));
    // Only the newest policy is tried (next fit): checking every earlier one would cost a merge of each per grant.
    let target = policies.at(-1);
    if (!target?.fits(statements)) {
      target = new GranteePolicy(identity, policies.length + 1);
      policies.push(target);
    }
    // The first grant of the identity that an earlier layout had takes over that layout's policy (a grant new in
    // this layout may come first); later ones cannot, as a resource has one `moved` source.
    if (legacy && target.index === 1 && !target.moved) target.moveFrom(legacy);
    target.document.addStatements(...statements);
    // Rendered here rather than lazily at synthesis, so that aspects (guardrails) read the document as written.
    target.resource.policyDocument = target.document.toJson();
    target.held.push(grant);
    return target;
  }

  /** The grants whose statements are in this policy, in the order they were made. */
  public get grants(): readonly Grant[] {
    return [...this.held];
  }

  private fits(statements: readonly PolicyStatement[]): boolean {
    const candidate = new PolicyDocument({ statements: [...this.document.statements, ...statements] });
    return candidate.length().bound <= MAX_POLICY_DOCUMENT_LENGTH;
  }

  private moveFrom(legacy: LegacyGrantPaths): void {
    this.moved = true;
    this.resource.moveFromId(`${this.resource.terraformResourceType}.${logicalIdAt(legacy.policy)}`);
    this.attachment.moveFromId(`${this.attachment.terraformResourceType}.${logicalIdAt(legacy.attachment)}`);
  }

  private problems(identity: IdentityRecord): string[] {
    const check = new FieldChecks();
    // The identity's limit is reported once, by its default policy.
    const attached = identity.attachments.length;
    if (this.index === 1 && attached > MAX_CUSTOM_POLICIES_PER_IDENTITY) {
      const policies = policiesByIdentity.get(identity) ?? [];
      const own = new Set(policies.map((p) => `${p.node.path}/Attachment`));
      const listed = [
        ...policies.map((p) => `${p.policyName} (${summary(p.held.map((g) => g.description))})`),
        ...identity.attachments.filter((path) => !own.has(path)).map((path) => `${path} (attached directly)`),
      ];
      check.fail(
        "grants",
        `${attached} custom policies`,
        `RAM attaches at most ${MAX_CUSTOM_POLICIES_PER_IDENTITY} custom policies to one identity, and this code ` +
          `attaches ${attached} to ${identity.label}: ${listed.join("; ")}; grant on wider scopes (a namespace ` +
          "instead of each of its repositories) or split the work across identities",
      );
    }
    return [...check.messages(), ...this.document.lengthProblems().map((problem) => `policy.${problem}`)];
  }
}

/** The first grants of a list, and how many more there are. */
function summary(grants: readonly string[]): string {
  const shown = grants.slice(0, 2).join(", ");
  return grants.length > 2 ? `${shown} and ${grants.length - 2} more grants` : shown;
}
