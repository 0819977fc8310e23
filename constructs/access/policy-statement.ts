// The parts of a RAM policy statement (Effect, Action, Resource, Condition, Principal), as plain immutable data.

/** `Effect` of a statement. Case-sensitive. */
export type Effect = "Allow" | "Deny";

/** The condition operators RAM accepts (case-sensitive). */
export const CONDITION_OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "IpAddress",
  "NotIpAddress",
] as const;

/** One RAM condition operator. */
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** A condition value; any one of several values in a list matches. */
export type ConditionValue = string | number | boolean;

/** Condition keys (e.g. `oidc:sub`, `acs:SourceIp`) of one operator, each with one value or a list. */
export type ConditionBlock = { readonly [key: string]: ConditionValue | readonly ConditionValue[] };

/** `Condition` element: operator to keys. All operators and all keys must match. */
export type Conditions = { readonly [operator in ConditionOperator]?: ConditionBlock };

/** `Principal` element of a trust policy (role `AssumeRolePolicyDocument`). */
export interface Principal {
  /** Account roots, RAM users or RAM roles: `acs:ram::<uid>:root|user/<n>|role/<n>`. @default none */
  readonly RAM?: readonly string[];
  /** Cloud services, e.g. `ecs.aliyuncs.com`, `cs.aliyuncs.com`. @default none */
  readonly Service?: readonly string[];
  /** OIDC or SAML identity providers: `acs:ram::<uid>:oidc-provider/<n>` or `saml-provider/<n>`. @default none */
  readonly Federated?: readonly string[];
}

/** Props of one {@link PolicyStatement}. */
export interface PolicyStatementProps {
  /** Whether the statement grants or denies. @default "Allow" */
  readonly effect?: Effect;
  /** `<service>:<ActionName>` entries (`*`/`?` wildcards allowed). Exactly one of actions/notActions. @default none */
  readonly actions?: readonly string[];
  /** Actions excluded from the statement. Exactly one of actions/notActions. @default none */
  readonly notActions?: readonly string[];
  /** ARNs or `*`. Required in permission policies; usually absent in trust policies. @default none */
  readonly resources?: readonly string[];
  /** Conditions that must all match. @default none */
  readonly conditions?: Conditions;
  /** Trusted principals; only allowed in trust policies. @default none */
  readonly principal?: Principal;
}

/** One statement of a policy document. Immutable; the document merges and sorts statements when rendering. */
export class PolicyStatement {
  /** An `Allow` statement. */
  public static allow(props: Omit<PolicyStatementProps, "effect">): PolicyStatement {
    return new PolicyStatement({ ...props, effect: "Allow" });
  }

  /** A `Deny` statement. */
  public static deny(props: Omit<PolicyStatementProps, "effect">): PolicyStatement {
    return new PolicyStatement({ ...props, effect: "Deny" });
  }

  /** `Effect`. @default "Allow" */
  public readonly effect: Effect;
  /** `Action`, as given. @default none */
  public readonly actions?: readonly string[];
  /** `NotAction`, as given. @default none */
  public readonly notActions?: readonly string[];
  /** `Resource`, as given. @default none */
  public readonly resources?: readonly string[];
  /** `Condition`, as given. @default none */
  public readonly conditions?: Conditions;
  /** `Principal`, as given. @default none */
  public readonly principal?: Principal;

  public constructor(props: PolicyStatementProps) {
    this.effect = props.effect ?? "Allow";
    // Copies, so later changes to the caller's arrays cannot change a document already built.
    this.actions = props.actions && [...props.actions];
    this.notActions = props.notActions && [...props.notActions];
    this.resources = props.resources && [...props.resources];
    this.conditions = props.conditions;
    this.principal = props.principal && { ...props.principal };
  }
}
