import { Construct } from "constructs";
import { CrNamespace } from "../../.gen/providers/alicloud/cr-namespace";
import { Annotations, TerraformStack } from "../engine";
import { FieldChecks } from "../validation/field-checks";
import type { Visibility } from "./namespace";
import { PersonalRepository, PersonalRepositoryOptions } from "./personal-repository";
import { checkRemovalPolicy, dataLifecycle, RemovalPolicy } from "./removal-policy";
import { claimName } from "../validation/unique-names";
import { PERSONAL_NAME } from "../../validation/rules";

const RESOURCE_TYPE = "alicloud_cr_namespace";

/** Properties of a {@link PersonalNamespace}. */
export interface PersonalNamespaceProps {
  /** Namespace name: 2-30 lowercase letters and digits, separators `_ - .` inside. */
  readonly name: string;
  /**
   * Let `docker push` create repositories that are not declared in code.
   * @default false
   */
  readonly autoCreateRepositories?: boolean;
  /**
   * Visibility of automatically created repositories.
   * @default "PRIVATE"
   */
  readonly defaultVisibility?: Visibility;
  /**
   * What may happen to the namespace and its images on destroy or replacement.
   * @default RemovalPolicy.PROTECT
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A namespace of the Personal Edition registry (`alicloud_cr_namespace`), for teams that have not moved to
 * Enterprise Edition. Deprecated upstream since provider 1.276.0: synthesis prints a warning.
 */
export class PersonalNamespace extends Construct {
  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrNamespace;
  /** Namespace name. */
  public readonly namespaceName: string;

  public constructor(scope: Construct, id: string, props: PersonalNamespaceProps) {
    super(scope, id);
    this.namespaceName = props.name;
    this.resource = new CrNamespace(this, "Resource", {
      name: props.name,
      autoCreate: props.autoCreateRepositories ?? false,
      defaultVisibility: props.defaultVisibility ?? "PRIVATE",
      lifecycle: dataLifecycle(props.removalPolicy),
    });
    Annotations.of(this).addWarning(
      `${RESOURCE_TYPE} is deprecated upstream (provider 1.276.0) and will be removed; move to an Enterprise Edition Namespace`,
    );
    const duplicates = claimName(TerraformStack.of(this), "personal namespace name", props.name, this);
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("name", props.name, PERSONAL_NAME, { required: true });
        check.boolean("autoCreateRepositories", props.autoCreateRepositories);
        check.provider("defaultVisibility", props.defaultVisibility, RESOURCE_TYPE, "default_visibility");
        checkRemovalPolicy(check, props.removalPolicy);
        return [...check.messages(), ...duplicates()];
      },
    });
  }

  /** Adds a Personal Edition repository to this namespace. */
  public addRepository(id: string, options: PersonalRepositoryOptions): PersonalRepository {
    return new PersonalRepository(this, id, { ...options, namespace: this });
  }
}
