import { Construct, IConstruct } from "constructs";
import { CrEeInstance } from "../../.gen/providers/alicloud/cr-ee-instance";
import { DataAlicloudCrEeInstances } from "../../.gen/providers/alicloud/data-alicloud-cr-ee-instances";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { accountIdOf } from "../access/account";
import { Arn } from "../access/arn";
import { Annotations } from "../engine";
import { PublicEndpoint, PublicEndpointOptions } from "../network/public-endpoint";
import { VpcEndpointAccess, VpcEndpointAccessOptions } from "../network/vpc-endpoint-access";
import { FieldChecks } from "../validation/field-checks";
import { forceNewAttributes } from "../validation/provider-constraints";
import { ChartNamespace, ChartNamespaceOptions } from "./chart-namespace";
import { enterpriseDomains, literalProviderRegion } from "./endpoints";
import { Namespace, NamespaceOptions } from "./namespace";
import { RegistryPassword } from "./registry-password";
import { checkRemovalPolicy, dataLifecycle, RemovalPolicy } from "./removal-policy";
import { ReplicationRule, ReplicationRuleOptions, ReplicationTarget } from "./replication-rule";
import { IRepositoryScope, RepositoryScope } from "./repository-scope";
import { RetentionRule, RetentionRuleProps } from "./retention-rule";
import { ScanRule, ScanRuleOptions } from "./scan-rule";
import { ACCOUNT_ID, INSTANCE_ID, INSTANCE_NAME, REGION_ID } from "../../validation/rules";
import { checkProvider, providerOrDefault } from "../validation/references";

const INSTANCE_TYPE = "alicloud_cr_ee_instance";

/**
 * Sub-edition of an Enterprise Edition instance (`instance_type`). Provider 1.289.0 cannot change it (no update
 * call), so it is applied at creation only; see {@link EnterpriseRegistry}.
 */
export type RegistryEdition = "Basic" | "Standard" | "Advanced" | "Economy";

/** How the instance is billed (`payment_type`). */
export type PaymentType = "Subscription" | "PayAsYouGo";

/** Engine that scans pushed images for vulnerabilities (`image_scanner`). */
export type ImageScanner = "ACR" | "SAS" | "DISABLE";

/** An ACR Enterprise Edition instance, created here or imported. */
export interface IEnterpriseRegistry extends IConstruct, IRepositoryScope {
  /** Instance id, `cri-...`. */
  readonly instanceId: string;
  /** UID of the account that owns the instance (literal, or looked up with `alicloud_account`). */
  readonly accountId: string;
  /** Instance name, the first label of its domains. */
  readonly instanceName: string;
  /** Region id of the instance, e.g. `cn-hangzhou`. */
  readonly region: string;
  /** Internet registry domain, `<name>-registry.<region>.cr.aliyuncs.com`. */
  readonly publicDomain: string;
  /** VPC registry domain, `<name>-registry-vpc.<region>.cr.aliyuncs.com`. */
  readonly vpcDomain: string;
  /** Adds an image namespace to this instance. */
  addNamespace(id: string, options: NamespaceOptions): Namespace;
  /** Adds a Helm chart namespace to this instance. */
  addChartNamespace(id: string, options: ChartNamespaceOptions): ChartNamespace;
  /** Links VPC/vSwitch pairs to the instance's VPC endpoint (with PrivateZone DNS by default). */
  connectVpc(id: string, options: VpcEndpointAccessOptions): VpcEndpointAccess;
  /** Opens the Internet endpoint to an explicit CIDR allow-list (off unless called). */
  enablePublicEndpoint(id: string, options: PublicEndpointOptions): PublicEndpoint;
  /** Replicates a namespace (or repository) of this instance to another region or account. */
  replicateTo(id: string, target: ReplicationTarget, options: ReplicationRuleOptions): ReplicationRule;
  /** Adds a security scan rule (instance-wide by default). */
  addScanRule(id: string, options: ScanRuleOptions): ScanRule;
  /** Adds a tag retention rule (instance-wide, or for a namespace or repository). */
  addRetentionRule(id: string, options: Omit<RetentionRuleProps, "registry">): RetentionRule;
}

/** Attributes of an existing instance, for {@link EnterpriseRegistry.fromInstanceAttributes}. */
export interface EnterpriseRegistryAttributes {
  /** Instance id, `cri-...`. */
  readonly instanceId: string;
  /** Instance name as shown in the console. */
  readonly instanceName: string;
  /** Region id of the instance. */
  readonly region: string;
  /**
   * UID of the account that owns the instance, for the ARNs of grants.
   * @default - looked up with the `alicloud_account` data source at plan time
   */
  readonly accountId?: string;
  /**
   * The provider of the account that owns the instance, for that account lookup.
   * @default - the stack's default provider
   */
  readonly provider?: AlicloudProvider;
}

/** Shared behaviour of owned and imported instances; props that take a registry check for this class. */
export abstract class EnterpriseRegistryBase extends RepositoryScope implements IEnterpriseRegistry {
  public abstract readonly instanceId: string;
  public abstract readonly instanceName: string;
  public abstract readonly region: string;
  /** Set by subclasses: a literal account UID, else the provider to look it up with. */
  protected abstract readonly literalAccountId?: string;
  protected abstract readonly provider?: AlicloudProvider;

  /** Looked up only when a grant needs it, so stacks without grants carry no account lookup. */
  public get accountId(): string {
    return this.literalAccountId ?? accountIdOf(this, this.provider);
  }

  public get repositoryArns(): string[] {
    return [Arn.crAllRepositoriesInInstance(this.region, this.accountId, this.instanceId)];
  }

  public get publicDomain(): string {
    return enterpriseDomains(this.instanceName, this.region).publicDomain;
  }

  public get vpcDomain(): string {
    return enterpriseDomains(this.instanceName, this.region).vpcDomain;
  }

  public addNamespace(id: string, options: NamespaceOptions): Namespace {
    return new Namespace(this, id, { ...options, registry: this });
  }

  public addChartNamespace(id: string, options: ChartNamespaceOptions): ChartNamespace {
    return new ChartNamespace(this, id, { ...options, registry: this });
  }

  public connectVpc(id: string, options: VpcEndpointAccessOptions): VpcEndpointAccess {
    return new VpcEndpointAccess(this, id, { ...options, registry: this });
  }

  public enablePublicEndpoint(id: string, options: PublicEndpointOptions): PublicEndpoint {
    return new PublicEndpoint(this, id, { ...options, registry: this });
  }

  public replicateTo(id: string, target: ReplicationTarget, options: ReplicationRuleOptions): ReplicationRule {
    return new ReplicationRule(this, id, { ...options, target, registry: this });
  }

  public addScanRule(id: string, options: ScanRuleOptions): ScanRule {
    return new ScanRule(this, id, { ...options, registry: this });
  }

  public addRetentionRule(id: string, options: Omit<RetentionRuleProps, "registry">): RetentionRule {
    return new RetentionRule(this, id, { ...options, registry: this });
  }
}

/** Properties of a new Enterprise Edition instance. */
export interface EnterpriseRegistryProps {
  /** Instance name: 3-30 lowercase letters, digits and hyphens. ForceNew: renaming replaces the instance. */
  readonly instanceName: string;
  /**
   * Sub-edition; decides price and included quotas. Set at creation only: upgrade in the ACR console, then set the
   * new edition here (a mismatch fails `terraform plan`, see {@link EnterpriseRegistry}).
   */
  readonly edition: RegistryEdition;
  /**
   * Billing method. Set at creation only: later edits are ignored, see {@link EnterpriseRegistry}.
   * @default "Subscription"
   */
  readonly paymentType?: PaymentType;
  /**
   * Subscription length in months: 1-11, or a multiple of 12 for yearly terms. Only for Subscription.
   * @default 12 for Subscription
   */
  readonly periodMonths?: number;
  /**
   * Renew the subscription automatically for this many months at a time. Only for Subscription.
   * Set at creation only: later edits are ignored, see {@link EnterpriseRegistry}.
   * @default - manual renewal
   */
  readonly autoRenewMonths?: number;
  /**
   * Image security scanner.
   * @default - the service default (ACR's Trivy engine)
   */
  readonly imageScanner?: ImageScanner;
  /**
   * Store images in this OSS bucket of yours instead of the service-managed one.
   * @default - the service-managed bucket
   */
  readonly customOssBucket?: string;
  /**
   * Extra namespaces to buy on top of the edition's quota (multiple of 5, 0-100000).
   * @default - none
   */
  readonly extraNamespaceQuota?: number;
  /**
   * Extra repositories to buy (multiple of 1000, 0-1000000).
   * @default - none
   */
  readonly extraRepositoryQuota?: number;
  /**
   * Extra VPCs that may link to the VPC endpoint (0-100).
   * @default - none
   */
  readonly extraVpcQuota?: number;
  /**
   * Resource group of the instance.
   * @default - the account's default resource group
   */
  readonly resourceGroupId?: string;
  /**
   * Tags on the instance.
   * @default - none
   */
  readonly tags?: Record<string, string>;
  /**
   * Fixed registry login password, only from KMS ciphertext or a sensitive variable.
   * @default - none: clients use temporary tokens (GetAuthorizationToken)
   */
  readonly password?: RegistryPassword;
  /**
   * UID of the account the instance is created in, so grant ARNs are concrete.
   * @default - looked up with the `alicloud_account` data source at plan time
   */
  readonly accountId?: string;
  /**
   * The alicloud provider (account and region) to create the instance with.
   * @default - the stack's default provider
   */
  readonly provider?: AlicloudProvider;
  /**
   * What may happen to the instance and its images on destroy or replacement.
   * @default RemovalPolicy.PROTECT
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An ACR Enterprise Edition instance (`alicloud_cr_ee_instance`).
 *
 * Billing guard: `payment_type`, `renewal_status` and `renew_period` are ForceNew in provider 1.289.0, so editing
 * them would destroy and recreate a paid instance with all its images. They are therefore applied at creation and
 * listed in `lifecycle.ignore_changes`; change billing in the ACR console. `instance_name` is ForceNew too but
 * also renames the domains, so it is not ignored: with the default {@link RemovalPolicy.PROTECT} a rename makes
 * `terraform plan` fail instead of replacing the instance.
 *
 * Edition guard: `instance_type` is not ForceNew, but the provider's Update makes no call for it, so an edit would
 * "apply", change nothing and show again on every plan (provider 1.289.0 `resource_alicloud_cr_ee_instance.go`).
 * It is therefore ignored after creation too, and a postcondition compares the edition the provider reads back
 * with `edition`: when they differ (an edit here, or an upgrade in the console) `terraform plan` fails and says
 * which is which, so the drift is never silent.
 */
export class EnterpriseRegistry extends EnterpriseRegistryBase {
  /** Billing attributes that Terraform ignores after creation (the ForceNew ones other than the name). */
  public static readonly BILLING_ATTRIBUTES_IGNORED_AFTER_CREATE: readonly string[] = forceNewAttributes(
    INSTANCE_TYPE,
  ).filter((attribute) => attribute !== "instance_name");

  /** The edition attribute: not updatable by the provider, so also ignored after creation and checked instead. */
  public static readonly EDITION_ATTRIBUTE = "instance_type";

  /** Imports an existing instance from literal attributes; no lookup, so its domains are concrete. */
  public static fromInstanceAttributes(
    scope: Construct,
    id: string,
    attrs: EnterpriseRegistryAttributes,
  ): IEnterpriseRegistry {
    return new ImportedEnterpriseRegistry(scope, id, attrs);
  }

  /**
   * Imports an existing instance by id; name and region are read at plan time with the
   * `alicloud_cr_ee_instances` data source. Prefer {@link fromInstanceAttributes} when you know them, so the
   * domains are concrete in synthesized output and Kubernetes manifests.
   */
  public static fromInstanceId(
    scope: Construct,
    id: string,
    instanceId: string,
    provider?: AlicloudProvider,
  ): IEnterpriseRegistry {
    return new ImportedEnterpriseRegistry(scope, id, (self) => {
      const found = new DataAlicloudCrEeInstances(self, "Lookup", {
        ids: [instanceId],
        provider: providerOrDefault(provider),
      });
      const instance = found.instances.get(0);
      return { instanceId, instanceName: instance.name, region: instance.region, provider };
    });
  }

  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrEeInstance;
  public readonly instanceId: string;
  public readonly instanceName: string;
  public readonly region: string;
  protected readonly provider?: AlicloudProvider;
  protected readonly literalAccountId?: string;

  public constructor(scope: Construct, id: string, props: EnterpriseRegistryProps) {
    super(scope, id);
    const paymentType = props.paymentType ?? "Subscription";
    const subscription = paymentType === "Subscription";
    const provider = providerOrDefault(props.provider);
    // Checked now, so that only a password made by RegistryPassword's factories ever reaches the resource.
    const passwordCheck = new FieldChecks();
    const password = RegistryPassword.checked(passwordCheck, "password", props.password);

    this.resource = new CrEeInstance(this, "Resource", {
      instanceName: props.instanceName,
      instanceType: props.edition,
      paymentType,
      period: subscription ? (props.periodMonths ?? 12) : props.periodMonths,
      renewalStatus: subscription ? (props.autoRenewMonths !== undefined ? "AutoRenewal" : "ManualRenewal") : undefined,
      renewPeriod: props.autoRenewMonths,
      imageScanner: props.imageScanner,
      defaultOssBucket: props.customOssBucket !== undefined ? "false" : undefined,
      customOssBucket: props.customOssBucket,
      namespaceQuota: props.extraNamespaceQuota,
      repoQuota: props.extraRepositoryQuota,
      vpcQuota: props.extraVpcQuota,
      resourceGroupId: props.resourceGroupId,
      tags: props.tags,
      ...password?.instanceArguments,
      provider,
      lifecycle: {
        ...dataLifecycle(props.removalPolicy, [
          ...EnterpriseRegistry.BILLING_ATTRIBUTES_IGNORED_AFTER_CREATE,
          EnterpriseRegistry.EDITION_ATTRIBUTE,
        ]),
        postcondition: [editionCheck(props.edition)],
      },
    });
    this.instanceId = this.resource.id;
    this.instanceName = props.instanceName;
    this.region = literalProviderRegion(this, provider) ?? this.resource.regionId;
    this.provider = provider;
    this.literalAccountId = props.accountId;

    if (props.removalPolicy === RemovalPolicy.DESTROY) {
      Annotations.of(this).addWarning(
        "removalPolicy is DESTROY: Terraform may delete this instance and every image in it",
      );
    }
    this.node.addValidation({
      validate: () => [...validateProps(props, paymentType), ...passwordCheck.messages()],
    });
  }
}

/** Fails the plan when the instance's edition (as the provider reads it back) is not `edition`. */
function editionCheck(edition: RegistryEdition): { condition: string; errorMessage: string } {
  return {
    condition: `\${self.${EnterpriseRegistry.EDITION_ATTRIBUTE} == ${JSON.stringify(edition)}}`,
    errorMessage:
      `The code says edition "${edition}" but the instance is "\${self.${EnterpriseRegistry.EDITION_ATTRIBUTE}}". Provider 1.289.0 cannot change ` +
      "instance_type (it would plan an update that does nothing), so it is ignored after creation: change the " +
      "edition in the ACR console (Upgrade), then set edition to what the instance is.",
  };
}

function validateProps(props: EnterpriseRegistryProps, paymentType: PaymentType): string[] {
  const check = new FieldChecks();
  check.name("instanceName", props.instanceName, INSTANCE_NAME, { required: true });
  check.provider("edition", props.edition, INSTANCE_TYPE, "instance_type", { required: true });
  check.provider("paymentType", paymentType, INSTANCE_TYPE, "payment_type");
  check.provider("imageScanner", props.imageScanner, INSTANCE_TYPE, "image_scanner");
  check.integer("extraNamespaceQuota", props.extraNamespaceQuota, 0, 100000, { step: 5 });
  check.integer("extraRepositoryQuota", props.extraRepositoryQuota, 0, 1000000, { step: 1000 });
  check.provider("extraVpcQuota", props.extraVpcQuota, INSTANCE_TYPE, "vpc_quota");
  if (paymentType === "Subscription") {
    checkMonths(check, "periodMonths", props.periodMonths);
    checkMonths(check, "autoRenewMonths", props.autoRenewMonths);
  } else {
    for (const [field, value] of [
      ["periodMonths", props.periodMonths],
      ["autoRenewMonths", props.autoRenewMonths],
    ] as const) {
      if (value !== undefined) check.fail(field, value, "applies only to paymentType Subscription");
    }
  }
  check.length("customOssBucket", props.customOssBucket, 3, 63);
  check.string("resourceGroupId", props.resourceGroupId);
  check.stringMap("tags", props.tags);
  checkAccountAndProvider(check, props);
  checkRemovalPolicy(check, props.removalPolicy);
  return check.messages();
}

// The API takes months; yearly terms are multiples of 12 (CreateInstance / ROS ALIYUN::CR::Instance docs).
function checkMonths(check: FieldChecks, field: string, months: unknown): void {
  if (!check.number(field, months)) return;
  if (!Number.isInteger(months) || months < 1 || (months > 12 && months % 12 !== 0)) {
    check.fail(field, months, "must be a whole number of months: 1-12, or a multiple of 12 for yearly terms");
  }
}

/** The props new and imported instances share: the owning account and its provider. */
function checkAccountAndProvider(check: FieldChecks, props: { accountId?: unknown; provider?: unknown }): void {
  check.name("accountId", props.accountId, ACCOUNT_ID);
  checkProvider(check, "provider", props.provider);
}

class ImportedEnterpriseRegistry extends EnterpriseRegistryBase {
  public readonly instanceId: string;
  public readonly instanceName: string;
  public readonly region: string;
  protected readonly literalAccountId?: string;
  protected readonly provider?: AlicloudProvider;

  /**
   * @param attrs the instance's attributes, or a function that reads them with a lookup created under the registry
   *   (so that the registry's `node.id` is the id it was given)
   */
  public constructor(
    scope: Construct,
    id: string,
    given: EnterpriseRegistryAttributes | ((self: Construct) => EnterpriseRegistryAttributes),
  ) {
    super(scope, id);
    const attrs = typeof given === "function" ? given(this) : given;
    this.provider = providerOrDefault(attrs.provider);
    this.instanceId = attrs.instanceId;
    this.instanceName = attrs.instanceName;
    this.region = attrs.region;
    this.literalAccountId = attrs.accountId;
    this.node.addValidation({
      validate: () => {
        const check = new FieldChecks();
        check.name("instanceName", attrs.instanceName, INSTANCE_NAME, { required: true });
        check.name("instanceId", attrs.instanceId, INSTANCE_ID, { required: true });
        check.name("region", attrs.region, REGION_ID, { required: true });
        checkAccountAndProvider(check, attrs);
        return check.messages();
      },
    });
  }
}
