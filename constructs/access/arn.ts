import { isWholeToken, replaceTokens } from "../tokens";

/**
 * ARN builders and checks for the Alibaba Cloud resources the ACR platform grants access to.
 *
 * Format: `acs:<service>:<region>:<account-id>:<relative-id>` (RAM policy elements). Every builder accepts
 * cdktf token strings for any part, so ARNs can be built from attributes that are only known at apply time.
 */

/** The ARN shapes {@link validateArn} can check for, beyond the generic five-part form. */
export type ArnKind =
  | "ram-role"
  | "ram-role-resource"
  | "ram-user"
  | "account-root"
  | "oidc-provider"
  | "saml-provider"
  | "cr-instance"
  | "cr-repository"
  | "cr-chart";

/** The four parts of an ARN after the `acs` prefix. */
export interface ParsedArn {
  /** Service code, e.g. `ram` or `cr`. */
  readonly service: string;
  /** Region ID, `*`, or empty (RAM ARNs have no region). */
  readonly region: string;
  /** Account UID or `*`. */
  readonly account: string;
  /** Relative resource ID, e.g. `role/acr-puller` or `repository/cri-xxx/ns/*`. */
  readonly resource: string;
}

/** Result of {@link parseArn}: the parts, or every problem found. */
export type ParseArnResult =
  { readonly ok: true; readonly arn: ParsedArn } | { readonly ok: false; readonly problems: readonly string[] };

/** Stands for "some token text" in a value whose literal parts are checked (never occurs in real input). */
const UNKNOWN = "\u0000";

/** `value` with every token replaced by {@link UNKNOWN}, so literal characters keep their positions. */
function literalView(value: string): string {
  return replaceTokens(value, UNKNOWN);
}

/** A part rule: the whole-part pattern for literal parts, and the character class for parts holding a token. */
interface PartRule {
  readonly pattern: RegExp;
  readonly chars: RegExp;
  readonly description: string;
}

/**
 * Checks one part. A part that contains a token is only checked for stray literal characters: the token may
 * resolve to anything, so length and shape are unknown until apply.
 */
function partOk(part: string, rule: PartRule): boolean {
  if (!part.includes(UNKNOWN)) return rule.pattern.test(part);
  return [...part.split(UNKNOWN).join("")].every((ch) => rule.chars.test(ch));
}

const SERVICE: PartRule = { pattern: /^[a-z0-9-]+$/, chars: /[a-z0-9-]/, description: "lower-case letters, digits, -" };
const REGION: PartRule = {
  pattern: /^([a-z0-9-]*|\*)$/,
  chars: /[a-z0-9*-]/,
  description: "a region ID, * or empty",
};
const ACCOUNT: PartRule = {
  pattern: /^(\d*|\*)$/,
  chars: /[0-9*]/,
  description: "an account UID (digits), * or empty",
};

/** Region rule per kind: RAM ARNs carry no region; the role-as-resource form uses `*`. */
type RegionRule = "empty" | "empty-or-star" | "required";

interface KindSpec {
  readonly service: string;
  readonly region: RegionRule;
  /** `uid`: a literal account is required (principals); `uid-or-star`: `*` is allowed too (resources). */
  readonly account: "uid" | "uid-or-star";
  /** First segment of the relative ID (`role`, `repository`, ...), or the whole relative ID for `root`. */
  readonly type: string;
  /** Allowed number of `/`-separated segments after the type; `max` undefined = unbounded. */
  readonly minSegments: number;
  readonly maxSegments?: number;
  readonly segment: PartRule;
  readonly format: string;
}

const ROLE_NAME: PartRule = {
  pattern: /^[A-Za-z0-9.-]{1,64}$/,
  chars: /[A-Za-z0-9.-]/,
  description: "1-64 letters, digits, '.', '-'",
};
const ROLE_NAME_PATTERN: PartRule = {
  pattern: /^[A-Za-z0-9.*?-]{1,64}$/,
  chars: /[A-Za-z0-9.*?-]/,
  description: "1-64 letters, digits, '.', '-', or wildcards",
};
const USER_NAME: PartRule = {
  pattern: /^[A-Za-z0-9._@-]{1,64}$/,
  chars: /[A-Za-z0-9._@-]/,
  description: "1-64 letters, digits, '.', '_', '-', '@'",
};
const PROVIDER_NAME: PartRule = {
  pattern: /^[A-Za-z0-9._-]{1,128}$/,
  chars: /[A-Za-z0-9._-]/,
  description: "1-128 letters, digits, '.', '_', '-'",
};
// Instance IDs, namespaces and repository names; wildcards are well-formed in a policy resource.
const CR_SEGMENT: PartRule = {
  pattern: /^[A-Za-z0-9._*?-]+$/,
  chars: /[A-Za-z0-9._*?-]/,
  description: "letters, digits, '.', '_', '-', or wildcards",
};

const KINDS: Readonly<Record<ArnKind, KindSpec>> = {
  "ram-role": {
    service: "ram",
    region: "empty",
    account: "uid",
    type: "role",
    minSegments: 1,
    maxSegments: 1,
    segment: ROLE_NAME,
    format: "acs:ram::<uid>:role/<roleName>",
  },
  "ram-role-resource": {
    service: "ram",
    region: "empty-or-star",
    account: "uid-or-star",
    type: "role",
    minSegments: 1,
    maxSegments: 1,
    segment: ROLE_NAME_PATTERN,
    format: "acs:ram:*:<uid>:role/<roleName>",
  },
  "ram-user": {
    service: "ram",
    region: "empty",
    account: "uid",
    type: "user",
    minSegments: 1,
    maxSegments: 1,
    segment: USER_NAME,
    format: "acs:ram::<uid>:user/<userName>",
  },
  "account-root": {
    service: "ram",
    region: "empty",
    account: "uid",
    type: "root",
    minSegments: 0,
    maxSegments: 0,
    segment: USER_NAME,
    format: "acs:ram::<uid>:root",
  },
  "oidc-provider": {
    service: "ram",
    region: "empty",
    account: "uid",
    type: "oidc-provider",
    minSegments: 1,
    maxSegments: 1,
    segment: PROVIDER_NAME,
    format: "acs:ram::<uid>:oidc-provider/<name>",
  },
  "saml-provider": {
    service: "ram",
    region: "empty",
    account: "uid",
    type: "saml-provider",
    minSegments: 1,
    maxSegments: 1,
    segment: PROVIDER_NAME,
    format: "acs:ram::<uid>:saml-provider/<name>",
  },
  "cr-instance": {
    service: "cr",
    region: "required",
    account: "uid-or-star",
    type: "instance",
    minSegments: 1,
    maxSegments: 1,
    segment: CR_SEGMENT,
    format: "acs:cr:<region>:<uid>:instance/<instanceId>",
  },
  // Repository names may be multi-level (ACR's rule is unconfirmed), so the segment count is open-ended.
  "cr-repository": {
    service: "cr",
    region: "required",
    account: "uid-or-star",
    type: "repository",
    minSegments: 1,
    segment: CR_SEGMENT,
    format: "acs:cr:<region>:<uid>:repository/<instanceId>[/<namespace>[/<repo>]]",
  },
  "cr-chart": {
    service: "cr",
    region: "required",
    account: "uid-or-star",
    type: "chart",
    minSegments: 1,
    segment: CR_SEGMENT,
    format: "acs:cr:<region>:<uid>:chart/<instanceId>[/<namespace>[/<repo>]]",
  },
};

/** The documented format of an ARN kind, for messages. */
export function arnFormat(kind: ArnKind): string {
  return KINDS[kind].format;
}

/**
 * Splits a literal ARN into its parts, or lists every problem with its shape. Token-bearing ARNs are handled
 * by {@link validateArn}; here a token is just text.
 */
export function parseArn(arn: string): ParseArnResult {
  const problems = genericProblems(arn, arn.split(":"));
  if (problems.length > 0) return { ok: false, problems };
  const [, service, region, account, resource] = arn.split(":");
  return { ok: true, arn: { service, region, account, resource } };
}

function genericProblems(original: string, parts: readonly string[]): string[] {
  if (original === "") return ["must not be empty"];
  if (parts.length !== 5) {
    return [`must be acs:<service>:<region>:<account-id>:<resource> (5 ':'-separated parts, got ${parts.length})`];
  }
  const [prefix, service, region, account, resource] = parts;
  const problems: string[] = [];
  if (!partOk(prefix, { pattern: /^acs$/, chars: /[acs]/, description: "" })) problems.push("must start with 'acs:'");
  if (!partOk(service, SERVICE)) problems.push(`service '${service}' must be ${SERVICE.description}`);
  if (!partOk(region, REGION)) problems.push(`region '${region}' must be ${REGION.description}`);
  if (!partOk(account, ACCOUNT)) problems.push(`account '${account}' must be ${ACCOUNT.description}`);
  if (resource === "") problems.push("resource part must not be empty");
  return problems.map((p) => p.replace(/\u0000/g, "<token>"));
}

/**
 * Problems with `arn`, as rules (`must ...`) ready to follow `field = value:`; empty when it is well-formed.
 * With `expected`, the ARN must also have that shape (with several kinds, any one of them).
 *
 * Tokens: a value that is a single token is not checked (it is usually another resource's `arn` attribute).
 * Otherwise only the literal parts are checked; a part holding a token is checked for stray characters only.
 * This catches typos such as `acs:CR:` while never rejecting a value that may be right once resolved. When an
 * ARN has fewer than five literal parts, a token may hold the missing ':' and only the parts before it count.
 */
export function validateArn(arn: string, expected?: ArnKind | readonly ArnKind[]): string[] {
  if (isWholeToken(arn)) return [];
  const view = literalView(arn);
  let parts = view.split(":");
  if (parts.length < 5 && view.includes(UNKNOWN)) {
    // A token may contain ':' - only the parts before the first token are certainly in place.
    const first = parts.findIndex((p) => p.includes(UNKNOWN));
    parts = [...parts.slice(0, first), ...Array<string>(5 - first).fill(UNKNOWN)];
  }
  const generic = genericProblems(arn, parts);
  if (generic.length > 0 || expected === undefined) return generic;
  const kinds: readonly ArnKind[] = typeof expected === "string" ? [expected] : expected;
  const perKind = kinds.map((k) => kindProblems(parts, KINDS[k]));
  if (perKind.some((p) => p.length === 0)) return [];
  if (kinds.length === 1) return perKind[0];
  return [`must be one of ${kinds.map((k) => KINDS[k].format).join(", ")}`];
}

function kindProblems(parts: readonly string[], spec: KindSpec): string[] {
  const [, service, region, account, resource] = parts;
  const problems: string[] = [];
  if (!partOk(service, { pattern: new RegExp(`^${spec.service}$`), chars: SERVICE.chars, description: "" })) {
    problems.push(`service must be '${spec.service}'`);
  }
  // A region holding a token is accepted: only a literal region can be checked.
  const regionOk =
    region.includes(UNKNOWN) ||
    (spec.region === "empty"
      ? region === ""
      : spec.region === "empty-or-star"
        ? region === "" || region === "*"
        : region !== "");
  if (!regionOk) {
    problems.push(
      spec.region === "required" ? "region must be a region ID or *" : `region must be empty (${spec.format})`,
    );
  }
  const accountRule = spec.account === "uid" ? /^\d+$/ : /^(\d+|\*)$/;
  const accountChars = spec.account === "uid" ? /[0-9]/ : /[0-9*]/;
  if (!partOk(account, { pattern: accountRule, chars: accountChars, description: "" })) {
    problems.push(`account must be ${spec.account === "uid" ? "an account UID (digits)" : "an account UID or *"}`);
  }
  problems.push(...resourceProblems(resource, spec));
  return problems.length === 0 ? [] : [`${problems.join("; ")} (expected ${spec.format})`];
}

function resourceProblems(resource: string, spec: KindSpec): string[] {
  const [type, ...segments] = resource.split("/");
  const hasToken = resource.includes(UNKNOWN);
  if (!type.includes(UNKNOWN) && type !== spec.type) return [`resource must start with '${spec.type}'`];
  if (type.includes(UNKNOWN)) {
    // The type keyword may be partly inside a token: the literal text before it must still fit.
    const before = type.slice(0, type.indexOf(UNKNOWN));
    return spec.type.startsWith(before) ? [] : [`resource must start with '${spec.type}'`];
  }
  const problems: string[] = [];
  if (spec.maxSegments === 0 && segments.length > 0) {
    problems.push(`resource must be exactly '${spec.type}'`);
  } else if (spec.maxSegments !== undefined && segments.length > spec.maxSegments) {
    problems.push(`resource must have at most ${spec.maxSegments} '/'-separated name(s) after '${spec.type}'`);
  }
  if (segments.length < spec.minSegments && !hasToken) {
    problems.push(`resource must name a ${spec.type} after '${spec.type}/'`);
  }
  for (const s of spec.maxSegments === 0 ? [] : segments) {
    if (!partOk(s, spec.segment))
      problems.push(`'${s.replace(/\u0000/g, "<token>")}' must be ${spec.segment.description}`);
  }
  return problems;
}

/**
 * Typed ARN builders. Each returns a plain string and never throws; tokens are accepted for any part. A wildcard
 * appears only where the builder's name says so (`crAll...`) or where the caller passes `*` as region or account.
 * Parts are not checked here: the constructs validate the values they build ARNs from, and {@link validateArn}
 * reports a malformed ARN (a name holding `/`, `:` or a wildcard changes its shape) with the construct path.
 */
export class Arn {
  /** RAM role as a principal or `assumeRoleARN`: `acs:ram::<uid>:role/<roleName>`. */
  public static ramRole(accountId: string, roleName: string): string {
    return `acs:ram::${accountId}:role/${roleName}`;
  }

  /** RAM role as the Resource of an `sts:AssumeRole` grant: `acs:ram:*:<uid>:role/<roleName>`. */
  public static ramRoleAsResource(accountId: string, roleName: string): string {
    return `acs:ram:*:${accountId}:role/${roleName}`;
  }

  /** RAM user: `acs:ram::<uid>:user/<userName>`. */
  public static ramUser(accountId: string, userName: string): string {
    return `acs:ram::${accountId}:user/${userName}`;
  }

  /** A whole account as a trusted principal: `acs:ram::<uid>:root`. */
  public static accountRoot(accountId: string): string {
    return `acs:ram::${accountId}:root`;
  }

  /** OIDC identity provider (ACK RRSA): `acs:ram::<uid>:oidc-provider/<name>`. */
  public static oidcProvider(accountId: string, providerName: string): string {
    return `acs:ram::${accountId}:oidc-provider/${providerName}`;
  }

  /** SAML identity provider: `acs:ram::<uid>:saml-provider/<name>`. */
  public static samlProvider(accountId: string, providerName: string): string {
    return `acs:ram::${accountId}:saml-provider/${providerName}`;
  }

  /** ACR EE instance: `acs:cr:<region>:<uid>:instance/<instanceId>`. */
  public static crInstance(region: string, accountId: string, instanceId: string): string {
    return `${crPrefix(region, accountId)}:instance/${instanceId}`;
  }

  /**
   * Repository ARN without wildcards: `.../repository/<instanceId>` (instance scope) when `namespace` is
   * omitted, `.../repository/<instanceId>/<namespace>` (namespace) when `repository` is omitted, else
   * `.../repository/<instanceId>/<namespace>/<repository>`. For "every repository" use the `crAll...` builders.
   * @param namespace namespace name; @default none (instance scope)
   * @param repository repository name (may be multi-level); requires `namespace`. @default none
   */
  public static crRepository(
    region: string,
    accountId: string,
    instanceId: string,
    namespace?: string,
    repository?: string,
  ): string {
    return crPath("repository", region, accountId, instanceId, namespace, repository);
  }

  /** Every repository of an instance: `acs:cr:<region>:<uid>:repository/<instanceId>/*`. */
  public static crAllRepositoriesInInstance(region: string, accountId: string, instanceId: string): string {
    return `${crPath("repository", region, accountId, instanceId)}/*`;
  }

  /** Every repository of a namespace: `acs:cr:<region>:<uid>:repository/<instanceId>/<namespace>/*`. */
  public static crAllRepositoriesInNamespace(
    region: string,
    accountId: string,
    instanceId: string,
    namespace: string,
  ): string {
    return `${crPath("repository", region, accountId, instanceId, namespace)}/*`;
  }

  /**
   * Chart repository ARN without wildcards; same shapes as {@link Arn.crRepository} with `chart/`.
   * @param namespace chart namespace; @default none (instance scope)
   * @param repository chart repository; requires `namespace`. @default none
   */
  public static crChart(
    region: string,
    accountId: string,
    instanceId: string,
    namespace?: string,
    repository?: string,
  ): string {
    return crPath("chart", region, accountId, instanceId, namespace, repository);
  }

  /** Every chart repository of an instance: `acs:cr:<region>:<uid>:chart/<instanceId>/*`. */
  public static crAllChartsInInstance(region: string, accountId: string, instanceId: string): string {
    return `${crPath("chart", region, accountId, instanceId)}/*`;
  }

  /** Every chart repository of a chart namespace: `acs:cr:<region>:<uid>:chart/<instanceId>/<namespace>/*`. */
  public static crAllChartsInNamespace(
    region: string,
    accountId: string,
    instanceId: string,
    namespace: string,
  ): string {
    return `${crPath("chart", region, accountId, instanceId, namespace)}/*`;
  }
}

function crPrefix(region: string, accountId: string): string {
  return `acs:cr:${region}:${accountId}`;
}

function crPath(
  type: "repository" | "chart",
  region: string,
  accountId: string,
  instanceId: string,
  namespace?: string,
  repository?: string,
): string {
  // A repository without a namespace leaves an empty segment, which validateArn reports.
  const path = [instanceId];
  if (namespace !== undefined || repository !== undefined) path.push(namespace ?? "");
  if (repository !== undefined) path.push(repository);
  return `${crPrefix(region, accountId)}:${type}/${path.join("/")}`;
}
