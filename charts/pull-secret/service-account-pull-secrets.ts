import { Construct } from "constructs";
import { ApiObject } from "cdk8s";
import { MANAGED_BY_LABELS } from "../chart-support";
import { Checks, checkNoTokens } from "../validation";
import { DNS_LABEL, DNS_SUBDOMAIN } from "../../validation/rules";
import { serviceAccount } from "../core-objects";

/** ServiceAccounts of one namespace that pull with the Secret. */
export interface PullSecretNamespace {
  /** The namespace; the Secret must exist in it (a Pod can only use Secrets of its own namespace). */
  readonly namespace: string;
  /**
   * ServiceAccounts to wire.
   * @default ["default"]
   */
  readonly serviceAccounts?: readonly string[];
}

/** Properties of {@link ServiceAccountPullSecrets}. */
export interface ServiceAccountPullSecretsProps {
  /**
   * Name of the `kubernetes.io/dockerconfigjson` Secret, created outside this repository in every listed namespace
   * (see {@link dockerRegistrySecretCommand}).
   */
  readonly secretName: string;
  /** Registry host the Secret holds credentials for, e.g. `acme-registry-vpc.cn-hangzhou.cr.aliyuncs.com`. */
  readonly registryServer: string;
  /** Namespaces and their ServiceAccounts. */
  readonly namespaces: readonly PullSecretNamespace[];
}

/** Options of {@link dockerRegistrySecretCommand}. */
export interface DockerRegistrySecretCommandOptions {
  readonly secretName: string;
  readonly namespace: string;
  readonly registryServer: string;
  /**
   * Environment variable holding the registry user name (for EE: the account or RAM user, or `cr_temp_user` with a
   * temporary token).
   * @default "ACR_PULL_USERNAME"
   */
  readonly usernameVariable?: string;
  /**
   * Environment variable holding the registry password (fixed registry password, not the console password).
   * @default "ACR_PULL_PASSWORD"
   */
  readonly passwordVariable?: string;
}

/**
 * The documented `kubectl create secret docker-registry` command that creates the pull Secret, reading the
 * credentials from environment variables of the operator's shell, so they never enter this repository, `dist/`
 * or a shell history. Pipe it through `--dry-run=client -o yaml | kubectl apply -f -` to make it idempotent.
 * @throws PullSecretCommandError with every problem of `options`: the command is run by a shell, so a value that
 *   is not a plain name (`a; rm -rf ~`) must never be spliced into it
 */
export function dockerRegistrySecretCommand(options: DockerRegistrySecretCommandOptions): string {
  const problems = validateDockerRegistrySecretCommandOptions(options);
  if (problems.length > 0) throw new PullSecretCommandError(problems);
  const user = options.usernameVariable ?? "ACR_PULL_USERNAME";
  const password = options.passwordVariable ?? "ACR_PULL_PASSWORD";
  return (
    `kubectl create secret docker-registry ${options.secretName} --namespace ${options.namespace} ` +
    `--docker-server=${options.registryServer} --docker-username="$${user}" --docker-password="$${password}"`
  );
}

/** Thrown by {@link dockerRegistrySecretCommand} for options it cannot put into a command; lists all of them. */
export class PullSecretCommandError extends Error {
  public constructor(public readonly problems: readonly string[]) {
    super(`docker-registry secret command: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
    this.name = "PullSecretCommandError";
  }
}

const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::[0-9]+)?$/;
const HOST_RULE = "must be a registry host name without scheme or path";
/** A POSIX shell variable name, so `$NAME` in the command expands that variable and nothing else. */
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every problem of `options`, as `field = value: rule` messages. */
export function validateDockerRegistrySecretCommandOptions(options: DockerRegistrySecretCommandOptions): string[] {
  const check = new Checks();
  if (!check.object<DockerRegistrySecretCommandOptions>("options", options, { required: true })) {
    return check.messages();
  }
  checkNoTokens(check, "", options);
  if (check.problems.length > 0) return check.messages();
  check.name("secretName", options.secretName, DNS_SUBDOMAIN, { required: true });
  check.name("namespace", options.namespace, DNS_LABEL, { required: true });
  if (
    check.string("registryServer", options.registryServer, { required: true }) &&
    !HOST.test(options.registryServer)
  ) {
    check.fail("registryServer", options.registryServer, HOST_RULE);
  }
  for (const field of ["usernameVariable", "passwordVariable"] as const) {
    const variable = options[field];
    if (check.string(field, variable) && !VARIABLE.test(variable)) {
      check.fail(
        field,
        variable,
        "must be an environment variable name: letters, digits and _, not starting with a digit",
      );
    }
  }
  return check.messages();
}

/** Every problem of `props`, as `field = value: rule` messages. */
export function validatePullSecretProps(props: ServiceAccountPullSecretsProps): string[] {
  const check = new Checks();
  checkNoTokens(check, "", props);
  if (check.problems.length > 0) return check.messages();
  if (typeof props.secretName !== "string") check.fail("secretName", props.secretName, "is required");
  check.name("secretName", props.secretName, DNS_SUBDOMAIN);
  if (typeof props.registryServer !== "string" || !HOST.test(props.registryServer)) {
    check.fail("registryServer", props.registryServer, HOST_RULE);
  }
  if (!Array.isArray(props.namespaces) || props.namespaces.length === 0) {
    check.fail("namespaces", props.namespaces, "must list at least one namespace");
    return check.messages();
  }
  props.namespaces.forEach((ns, i) => {
    if (!check.object(`namespaces[${i}]`, ns, { required: true })) return;
    check.name(`namespaces[${i}].namespace`, ns.namespace, DNS_LABEL, { required: true });
    const accounts = (check.list(`namespaces[${i}].serviceAccounts`, ns.serviceAccounts) ?? ["default"]) as string[];
    if (accounts.length === 0) check.fail(`namespaces[${i}].serviceAccounts`, accounts, "must not be empty");
    accounts.forEach((sa, j) => check.name(`namespaces[${i}].serviceAccounts[${j}]`, sa, DNS_SUBDOMAIN));
    check.unique(`namespaces[${i}].serviceAccounts`, accounts, "ServiceAccount");
  });
  check.unique(
    "namespaces",
    props.namespaces.map((ns) => ns?.namespace),
    "namespace",
  );
  return check.messages();
}

/**
 * Image-pull-Secret fallback for clusters without the credential helper (and for Personal Edition instances
 * created from 2024-09-09, which the helper does not support): one ServiceAccount object per listed account with
 * `imagePullSecrets: [{ name: secretName }]`. Applied with `kubectl apply` over the existing accounts, this sets
 * their `imagePullSecrets` (the list is replaced, not merged); Pods created afterwards get the Secret
 * automatically.
 *
 * The Secret itself is never rendered. Its content is a registry password, and anything synthesized lands in
 * `dist/` and, through GitOps, in Git. Create it out of band in every namespace with
 * {@link dockerRegistrySecretCommand} (see `charts/pull-secret/README.md`); {@link secretCommands} lists the
 * commands for this wiring. A Secret built from a 1-hour temporary token stops working after an hour unless
 * something refreshes it; a fixed registry password does not expire.
 *
 * Do not combine with the credential helper on the same ServiceAccounts: both write `imagePullSecrets`.
 */
export class ServiceAccountPullSecrets extends Construct {
  /** The rendered ServiceAccounts. */
  public readonly serviceAccounts: ApiObject[] = [];
  private readonly props: ServiceAccountPullSecretsProps;

  public constructor(scope: Construct, id: string, props: ServiceAccountPullSecretsProps) {
    super(scope, id);
    this.props = props;
    const problems = validatePullSecretProps(props);
    this.node.addValidation({ validate: () => problems });
    if (problems.length > 0) return;
    for (const ns of props.namespaces) {
      for (const name of ns.serviceAccounts ?? ["default"]) {
        this.serviceAccounts.push(
          serviceAccount(this, `${ns.namespace}/${name}`.replace(/\//g, "--"), {
            metadata: { name, namespace: ns.namespace, labels: { ...MANAGED_BY_LABELS } },
            imagePullSecrets: [{ name: props.secretName }],
          }),
        );
      }
    }
  }

  /** `namespace/serviceAccount` of every wired account. */
  public get wiredAccounts(): string[] {
    return this.props.namespaces.flatMap((ns) =>
      (ns.serviceAccounts ?? ["default"]).map((sa) => `${ns.namespace}/${sa}`),
    );
  }

  /** The commands that create the Secret this wiring references, one per namespace. */
  public secretCommands(): string[] {
    return this.props.namespaces.map((ns) =>
      dockerRegistrySecretCommand({
        secretName: this.props.secretName,
        namespace: ns.namespace,
        registryServer: this.props.registryServer,
      }),
    );
  }
}
