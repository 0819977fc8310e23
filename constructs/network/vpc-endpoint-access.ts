import { Construct, IConstruct } from "constructs";
import { CrVpcEndpointLinkedVpc } from "../../.gen/providers/alicloud/cr-vpc-endpoint-linked-vpc";
import type { IEnterpriseRegistry } from "../registry/enterprise-registry";
import { FieldChecks, isUnresolved, NameRule } from "../validation/field-checks";

const LINK_TYPE = "alicloud_cr_vpc_endpoint_linked_vpc";

/** Which endpoint of the instance a VPC link opens: images (`Registry`) or Helm charts (`Chart`). */
export type VpcEndpointModule = "Registry" | "Chart";

/** One VPC, and the vSwitch in it where the registry's VPC endpoint takes an IP address. */
export interface VpcLink {
  /** VPC id, `vpc-...`. */
  readonly vpcId: string;
  /** vSwitch id, `vsw-...`, in that VPC; the endpoint consumes one IP address from it. */
  readonly vswitchId: string;
  /**
   * Construct id prefix of this link's resources (letters, digits, `_` and `-`), so they keep their Terraform
   * address when other links are added, removed or reordered. Set it when `vpcId` or `vswitchId` is a token
   * (e.g. a VPC created in the same stack): otherwise the link is named after its position in `links`, and
   * removing an earlier link would replace this one (briefly cutting its VPC off the registry).
   * @default - `<vpcId>_<vswitchId>` when both are literal, else `Link<index>`
   */
  readonly key?: string;
}

/** Options of VPC access added from a registry; {@link VpcEndpointAccessProps} without the registry. */
export interface VpcEndpointAccessOptions {
  /** The VPCs to link, each with the vSwitch for the endpoint's IP address; at least one. */
  readonly links: readonly VpcLink[];
  /**
   * Endpoints to open in every linked VPC; one `alicloud_cr_vpc_endpoint_linked_vpc` per link and module.
   * @default ["Registry"]
   */
  readonly modules?: readonly VpcEndpointModule[];
  /**
   * Let ACR create PrivateZone records for the instance's VPC domain (`<name>-registry-vpc.<region>...`) in the
   * linked VPCs (`enable_create_dns_record_in_pvzt`). Without them the VPC domain does not resolve inside the
   * VPC unless you manage DNS for it yourself (your own PrivateZone zone or hosts entries), and the link shows
   * `NO_PRIVATE_ZONE_AUTHORIZED`. ACR also creates its PrivateZone service-linked role on first use.
   * @default true
   */
  readonly privateZoneDns?: boolean;
}

/** Properties of a {@link VpcEndpointAccess}. */
export interface VpcEndpointAccessProps extends VpcEndpointAccessOptions {
  /** The Enterprise Edition instance to reach from the VPCs. */
  readonly registry: IEnterpriseRegistry;
}

/**
 * Private network access to an Enterprise Edition instance: links VPCs to the instance's VPC endpoint
 * (`alicloud_cr_vpc_endpoint_linked_vpc`, one per link and module). A new instance accepts no network traffic
 * at all until VPC or Internet access is configured; the two are independent (see {@link PublicEndpoint}).
 *
 * Every attribute of a link is ForceNew, so the resources are named after their VPC, vSwitch and module rather
 * than their position: adding, removing or reordering links then plans no replacement of the others. Links hold
 * no data, so they are not protected with `prevent_destroy`.
 *
 * The same VPC, vSwitch and module declared twice for one registry (in one construct or two) is refused, since
 * both resources would manage the same link.
 */
export class VpcEndpointAccess extends Construct {
  /** The instance the VPCs are linked to. */
  public readonly registry: IEnterpriseRegistry;
  /** The link resources, for overrides and dependencies (e.g. a cluster that pulls through the VPC domain). */
  public readonly links: readonly CrVpcEndpointLinkedVpc[];

  public constructor(scope: Construct, id: string, props: VpcEndpointAccessProps) {
    super(scope, id);
    this.registry = props.registry;
    const modules = props.modules ?? ["Registry"];
    // A repeated module is reported once below; creating it twice would only repeat the message per link.
    const uniqueModules = [...new Set(modules)];
    const usedIds = new Set<string>();
    const duplicateChecks: (() => string[])[] = [];
    const resources: CrVpcEndpointLinkedVpc[] = [];

    props.links.forEach((link, index) => {
      const prefix = linkIdPrefix(link, index);
      const claims = uniqueModules.map((module) => {
        resources.push(
          new CrVpcEndpointLinkedVpc(this, uniqueId(`${prefix}_${module}`, usedIds), {
            instanceId: props.registry.instanceId,
            vpcId: link.vpcId,
            vswitchId: link.vswitchId,
            moduleName: module,
            enableCreateDnsRecordInPvzt: props.privateZoneDns ?? true,
          }),
        );
        return claimLink(props.registry, link, module, { construct: this, index });
      });
      duplicateChecks.push(() => duplicateMessage(index, link, claims));
    });
    this.links = resources;

    this.node.addValidation({
      validate: () => [...validateProps(props, modules), ...duplicateChecks.flatMap((check) => check())],
    });
  }
}

function linkIdPrefix(link: VpcLink, index: number): string {
  if (link.key === undefined && (isUnresolved(link.vpcId) || isUnresolved(link.vswitchId))) return `Link${index}`;
  // Construct ids may not contain "/"; a value that does is invalid anyway and reported by validation.
  return (link.key ?? `${link.vpcId}_${link.vswitchId}`).replace(/\//g, "-");
}

// Duplicate links (or keys) would collide on the construct id, which throws at construction instead of being
// reported with the other problems; a suffix keeps construction going and validation names the duplicate.
function uniqueId(wanted: string, used: Set<string>): string {
  let id = wanted;
  for (let n = 2; used.has(id); n++) id = `${wanted}-${n}`;
  used.add(id);
  return id;
}

function validateProps(props: VpcEndpointAccessProps, modules: readonly VpcEndpointModule[]): string[] {
  const check = new FieldChecks();
  if (props.links.length === 0) check.fail("links", [], "must list at least one VPC and vSwitch");
  props.links.forEach((link, i) => {
    check.name(`links[${i}].vpcId`, link.vpcId, VPC_ID);
    check.name(`links[${i}].vswitchId`, link.vswitchId, VSWITCH_ID);
    check.name(`links[${i}].key`, link.key, LINK_KEY);
  });
  props.links.forEach((link, i) => {
    const first = props.links.findIndex((other) => other.key !== undefined && other.key === link.key);
    if (first !== -1 && first < i)
      check.fail(`links[${i}].key`, link.key, `duplicate key (also used by links[${first}])`);
  });
  if (modules.length === 0) check.fail("modules", [], "must list at least one module (Registry or Chart)");
  modules.forEach((module, i) => check.provider(`modules[${i}]`, module, LINK_TYPE, "module_name"));
  if (new Set(modules).size !== modules.length) check.fail("modules", modules, "must not repeat a module");
  return check.messages();
}

const VPC_ID: NameRule = {
  pattern: /^vpc-[a-z0-9]+$/,
  minLength: 5,
  maxLength: 64,
  description: "must be a VPC id: vpc- followed by lowercase letters and digits",
};

const VSWITCH_ID: NameRule = {
  pattern: /^vsw-[a-z0-9]+$/,
  minLength: 5,
  maxLength: 64,
  description: "must be a vSwitch id: vsw- followed by lowercase letters and digits",
};

const LINK_KEY: NameRule = {
  pattern: /^[A-Za-z0-9_-]+$/,
  minLength: 1,
  maxLength: 64,
  description: "must be 1-64 letters, digits, _ and - (it becomes part of the Terraform resource address)",
};

/** Who declared a link: a construct and the link's index in its `links`. */
interface LinkHolder {
  readonly construct: IConstruct;
  readonly index: number;
}

interface LinkClaim {
  readonly module: VpcEndpointModule;
  readonly holders: LinkHolder[];
  readonly self: LinkHolder;
}

// Links claimed per registry, keyed by vpc/vswitch/module. Kept here rather than in claimName (unique-names.ts)
// because a link is not a name and the message points at a link index, not a `name` field.
const linkClaims = new WeakMap<object, Map<string, LinkHolder[]>>();

function claimLink(
  registry: IEnterpriseRegistry,
  link: VpcLink,
  module: VpcEndpointModule,
  self: LinkHolder,
): LinkClaim | undefined {
  // Tokens cannot be compared at synth time; the provider reports a real duplicate at apply.
  if (isUnresolved(link.vpcId) || isUnresolved(link.vswitchId)) return undefined;
  let byKey = linkClaims.get(registry);
  if (!byKey) linkClaims.set(registry, (byKey = new Map()));
  const key = `${link.vpcId}/${link.vswitchId}/${module}`;
  const holders = byKey.get(key) ?? [];
  holders.push(self);
  byKey.set(key, holders);
  return { module, holders, self };
}

function duplicateMessage(index: number, link: VpcLink, claims: readonly (LinkClaim | undefined)[]): string[] {
  const modules: string[] = [];
  const others = new Set<string>();
  for (const claim of claims) {
    const elsewhere = claim?.holders.filter((h) => h !== claim.self) ?? [];
    if (elsewhere.length === 0 || !claim) continue;
    modules.push(claim.module);
    for (const h of elsewhere) others.add(`${h.construct.node.path} links[${h.index}]`);
  }
  if (modules.length === 0) return [];
  const check = new FieldChecks();
  const rule = `duplicate VPC link for module ${modules.join(", ")} on the same registry`;
  check.fail(
    `links[${index}]`,
    `${link.vpcId}/${link.vswitchId}`,
    `${rule} (also declared by ${[...others].join(", ")})`,
  );
  return check.messages();
}
