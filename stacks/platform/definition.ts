import type {
  AllowListEntry,
  ChartRepositoryOptions,
  GuardrailOptions,
  IEnterpriseRegistry,
  INamespace,
  ImageScanner,
  PaymentType,
  RegistryEdition,
  ReplicationTarget,
  RepositoryOptions,
  VpcEndpointModule,
  Visibility,
  VpcLink,
} from "../../constructs";

/**
 * A whole ACR platform: accounts, environments, registries, the clusters that pull and the CI that pushes. The app
 * derives one Terraform stack per (environment, account, region) from it; see {@link buildPlatform}.
 */
export interface PlatformDefinition {
  /** Short platform name, e.g. `acme`; used in descriptions and role names. */
  readonly name: string;
  /** Team that owns the platform: the `owner` tag on every taggable resource. */
  readonly owner: string;
  /** The Alibaba Cloud accounts, by an alias used everywhere else in the definition. */
  readonly accounts: Readonly<Record<string, AccountDefinition>>;
  /** Environments, e.g. dev and prod. */
  readonly environments: readonly EnvironmentDefinition[];
  /**
   * Where each stack keeps its Terraform state. Teams use OSS with TableStore locking; local state suits one person.
   * @default { kind: "local" } - `terraform-state/<stack>.tfstate` at the project root, outside the synth output
   */
  readonly state?: StateDefinition;
  /**
   * Guardrail exceptions and required tags applied to every stack (tags `environment`, `owner` and `managed-by`
   * are added automatically).
   * @default - all guardrails on, no exceptions
   */
  readonly guardrails?: GuardrailOptions;
  /**
   * Protection: a protected resource (instance, namespace, repository, chart namespace or repository) removed from the
   * definition stays in the cloud and leaves Terraform management, unless it is released here: then the next deploy
   * deletes it, images and charts included.
   * @default - nothing released
   */
  readonly protection?: {
    /**
     * Removed resources to delete, each as `<stack>/<construct path>` (as the stack's protection record lists the
     * path, e.g. `prod-platform-cn-hangzhou/ProdRegistry/payments/ledger`) or `<stack>:<Terraform address>`.
     */
    readonly release?: readonly string[];
  };
}

/** One Alibaba Cloud account. */
export interface AccountDefinition {
  /** 16-digit account UID. */
  readonly accountId: string;
  /**
   * RAM role Terraform assumes to manage this account (`assume_role` of the provider), e.g.
   * `acs:ram::<uid>:role/terraform-deployer`.
   * @default - the account of the credentials in the environment
   */
  readonly deployRoleArn?: string;
}

/** Remote state in OSS with TableStore locking, or local files. */
export type StateDefinition =
  | {
      readonly kind: "local";
      /**
       * Folder of the state files (`<directory>/<stack>.tfstate`), relative to the project root. It must lie outside
       * the synth output (`cdktf.out/`), so that deleting that output never deletes state.
       * @default "terraform-state"
       */
      readonly directory?: string;
    }
  | {
      readonly kind: "oss";
      /** OSS bucket holding the state files. */
      readonly bucket: string;
      /** Region of the bucket. */
      readonly region: string;
      /** Key prefix; each stack's state goes under `<prefix>/<stack>/`. */
      readonly prefix: string;
      /** TableStore endpoint for state locking, e.g. `https://tf-lock.cn-hangzhou.ots.aliyuncs.com`. */
      readonly lockTableEndpoint: string;
      /** TableStore table for state locking. */
      readonly lockTable: string;
      /**
       * Role to assume for state access.
       * @default - the credentials in the environment
       */
      readonly assumeRoleArn?: string;
    };

/** One environment and everything in it. */
export interface EnvironmentDefinition {
  /** Environment name: lowercase letters and digits, e.g. `prod`; the `environment` tag. */
  readonly name: string;
  /** Registries of this environment. */
  readonly registries: readonly RegistryDefinition[];
  /**
   * Clusters that pull from this environment's registries.
   * @default - none
   */
  readonly clusters?: readonly ClusterDefinition[];
  /**
   * CI identities that push to this environment's registries.
   * @default - none
   */
  readonly ciPrincipals?: readonly CiPrincipalDefinition[];
}

/** A new Enterprise Edition instance. */
export interface NewInstanceDefinition {
  readonly kind: "new";
  readonly instanceName: string;
  readonly edition: RegistryEdition;
  /** @default "Subscription" */
  readonly paymentType?: PaymentType;
  /** @default 12 */
  readonly periodMonths?: number;
  /** @default - manual renewal */
  readonly autoRenewMonths?: number;
  /** @default - the service default */
  readonly imageScanner?: ImageScanner;
}

/** An instance that exists already (imported by literal attributes: no lookup, concrete domains). */
export interface ExistingInstanceDefinition {
  readonly kind: "existing";
  readonly instanceId: string;
  readonly instanceName: string;
}

/** A namespace and its repositories. */
export interface NamespaceDefinition {
  readonly name: string;
  /** Repository names, or full repository options. */
  readonly repositories: readonly (string | RepositoryOptions)[];
  /** @default false */
  readonly autoCreateRepositories?: boolean;
  /**
   * Visibility of repositories the namespace creates on push (`default_visibility`).
   * @default "PRIVATE"
   */
  readonly defaultVisibility?: Visibility;
  /**
   * Keep only the newest N tags of every repository (an `alicloud_cr_artifact_lifecycle_rule`).
   * @default - keep everything
   */
  readonly keepLastTags?: number;
  /**
   * Replicate the namespace to these targets.
   * @default - none
   */
  readonly replicateTo?: readonly NamespaceReplicationDefinition[];
}

/** A target the namespace's images are replicated to, and how (one `alicloud_cr_ee_sync_rule`). */
export interface NamespaceReplicationDefinition extends ReplicationTarget {
  /**
   * Rule name (ForceNew: changing it replaces the rule).
   * @default - built from the namespace and the target, see ReplicationRuleOptions.ruleName
   */
  readonly ruleName?: string;
  /**
   * Regular expression that selects the tags to replicate.
   * @default ".*"
   */
  readonly tagFilter?: string;
  /**
   * Replicate on push (`PASSIVE`); `false` for a rule run by hand (`INITIATIVE`).
   * @default true
   */
  readonly automatic?: boolean;
}

/** One Enterprise Edition instance and its content. */
export interface RegistryDefinition {
  /** Construct id and output prefix, e.g. `ProdRegistry`; unique in the platform. */
  readonly id: string;
  /** Alias of the owning account in {@link PlatformDefinition.accounts}. */
  readonly account: string;
  /** Region id, e.g. `cn-hangzhou`. */
  readonly region: string;
  readonly instance: NewInstanceDefinition | ExistingInstanceDefinition;
  readonly namespaces: readonly NamespaceDefinition[];
  /**
   * Helm chart namespaces and their chart repositories.
   * @default - none
   */
  readonly chartNamespaces?: readonly ChartNamespaceDefinition[];
  /**
   * VPC/vSwitch pairs linked to the VPC endpoint (with PrivateZone DNS).
   * @default - none
   */
  readonly vpcLinks?: readonly VpcLink[];
  /**
   * Which endpoints the VPC links serve.
   * @default ["Registry"]
   */
  readonly vpcModules?: readonly VpcEndpointModule[];
  /**
   * Opens the Internet endpoint to these ranges (the guardrails still ask for an explicit exception).
   * @default - Internet endpoint not managed (closed on new instances)
   */
  readonly internetAllowList?: readonly AllowListEntry[];
  /**
   * The registry's content exists in the cloud already (written by `npm run adopt`): every namespace, repository,
   * chart namespace and chart repository, VPC link, the Internet endpoint and the namespaces' retention rules get a
   * Terraform `import` block, so the first plan imports them instead of creating them. Only for an existing
   * instance. Remove it after the first apply: the imports are then done, and an object added later would get an
   * import block too, for an object that does not exist yet.
   * @default - nothing is imported; everything declared is created
   */
  readonly importExisting?: ImportExistingDefinition;
  /**
   * Adds what the definition does not model (scan rules, delivery chains, upstream mirrors...) with the constructs'
   * own API, after the namespaces exist.
   * @default - nothing
   */
  readonly customize?: (registry: IEnterpriseRegistry, namespaces: Readonly<Record<string, INamespace>>) => void;
}

/** A Helm chart namespace and its chart repositories. */
export interface ChartNamespaceDefinition {
  readonly name: string;
  /** Chart repository names, or full chart repository options. */
  readonly repositories: readonly (string | ChartRepositoryOptions)[];
  /** @default false */
  readonly autoCreateRepositories?: boolean;
  /**
   * Visibility of chart repositories the namespace creates on push.
   * @default "PRIVATE"
   */
  readonly defaultVisibility?: Visibility;
}

/** What {@link RegistryDefinition.importExisting} needs beyond the names: the ids the cloud assigned. */
export interface ImportExistingDefinition {
  /**
   * Id of each namespace's retention rule in the cloud (`cralr-...`, ListArtifactLifecycleRule), by namespace name;
   * one for every namespace with `keepLastTags`.
   * @default - no namespace has a retention rule
   */
  readonly retentionRuleIds?: Readonly<Record<string, string>>;
  /**
   * Id of each namespace replication rule in the cloud (`crsr-...`, ListRepoSyncRule), by namespace name and then
   * by `<target region>/<target instance id>`; one for every `replicateTo` entry.
   * @default - no namespace replicates
   */
  readonly replicationRuleIds?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * A Kubernetes cluster that pulls images with aliyun-acr-credential-helper: the RAM side (grants, cross-account
 * roles). Its in-cluster configuration is composed from registry facts with `charts/` (see stacks/example-clusters.ts).
 */
export interface ClusterDefinition {
  /** Cluster name: a DNS label; names `dist/<name>.k8s.yaml`. */
  readonly name: string;
  /** Alias of the account the cluster runs in. */
  readonly account: string;
  /** Region of the cluster. */
  readonly region: string;
  /**
   * How the cluster's credential helper gets RAM permissions: its worker role (needs {@link workerRoleName}), or
   * ACK's `AliyunCSManagedAcrRole` (same-account pulls only).
   * @default "workerRole"
   */
  readonly tokenMode?: "workerRole" | "managedRole";
  /**
   * The cluster's worker RAM role (`KubernetesWorkerRole-...`), shown in the ACK console.
   * @default - required with tokenMode workerRole
   */
  readonly workerRoleName?: string;
  /** Ids of the registries the cluster pulls from. */
  readonly pullsFrom: readonly string[];
  /**
   * Longest credential session for cross-account pulls, in seconds (3600-43200).
   * @default 3600
   */
  readonly crossAccountSessionSeconds?: number;
}

/** A CI identity with push access to namespaces of registries in one stack. */
export interface CiPrincipalDefinition {
  /** RAM role name in the registry's account. */
  readonly roleName: string;
  /** RAM users or roles (ARNs) that may assume the CI role, e.g. the CI runner's identity. */
  readonly trustedPrincipalArns: readonly string[];
  /** Registry id and the namespaces CI pushes to. */
  readonly pushTo: { readonly registry: string; readonly namespaces: readonly string[] };
}
