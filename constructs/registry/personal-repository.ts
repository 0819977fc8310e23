import { Construct } from "constructs";
import { CrRepo } from "../../.gen/providers/alicloud/cr-repo";
import { Annotations } from "../engine";
import { FieldChecks } from "../validation/field-checks";
import type { Visibility } from "./namespace";
import { PersonalNamespace } from "./personal-namespace";
import { checkRemovalPolicy, dataLifecycle, RemovalPolicy } from "./removal-policy";
import { claimName } from "../validation/unique-names";
import { PERSONAL_NAME } from "../../validation/rules";

const RESOURCE_TYPE = "alicloud_cr_repo";

/** Options of a repository added with `personalNamespace.addRepository()`. */
export interface PersonalRepositoryOptions {
  /** Repository name: 2-30 lowercase letters and digits, separators `_ - .` inside. */
  readonly name: string;
  /**
   * @default "PRIVATE"
   */
  readonly visibility?: Visibility;
  /**
   * One-line description (1-100 characters).
   * @default "Managed by acr-platform"
   */
  readonly summary?: string;
  /**
   * Longer description, up to 2000 characters.
   * @default - none
   */
  readonly detail?: string;
  /**
   * @default RemovalPolicy.PROTECT
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of a {@link PersonalRepository}. */
export interface PersonalRepositoryProps extends PersonalRepositoryOptions {
  /** The Personal Edition namespace holding the repository. */
  readonly namespace: PersonalNamespace;
}

/** A Personal Edition repository (`alicloud_cr_repo`, deprecated upstream: synthesis prints a warning). */
export class PersonalRepository extends Construct {
  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrRepo;
  /** Repository name. */
  public readonly repositoryName: string;

  public constructor(scope: Construct, id: string, props: PersonalRepositoryProps) {
    super(scope, id);
    this.repositoryName = props.name;
    this.resource = new CrRepo(this, "Resource", {
      namespace: props.namespace?.namespaceName,
      name: props.name,
      repoType: props.visibility ?? "PRIVATE",
      summary: props.summary ?? "Managed by acr-platform",
      detail: props.detail,
      dependsOn: props.namespace instanceof PersonalNamespace ? [props.namespace.resource] : undefined,
      lifecycle: dataLifecycle(props.removalPolicy),
    });
    Annotations.of(this).addWarning(
      `${RESOURCE_TYPE} is deprecated upstream (provider 1.276.0) and will be removed; move to an Enterprise Edition Repository`,
    );
    const duplicates = claimName(props.namespace, "personal repository name", props.name, this);
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("name", props.name, PERSONAL_NAME, { required: true });
        check.instanceOf("namespace", props.namespace, PersonalNamespace, "a PersonalNamespace", { required: true });
        for (const [field, attribute, value] of [
          ["visibility", "repo_type", props.visibility],
          ["summary", "summary", props.summary],
          ["detail", "detail", props.detail],
        ] as const) {
          check.provider(field, value, RESOURCE_TYPE, attribute);
        }
        checkRemovalPolicy(check, props.removalPolicy);
        return [...check.messages(), ...duplicates()];
      },
    });
  }
}
