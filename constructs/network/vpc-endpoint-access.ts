import { Construct, IConstruct } from "constructs";
import { CrVpcEndpointLinkedVpc } from "../../.gen/providers/alicloud/cr-vpc-endpoint-linked-vpc";
import { Annotations, TerraformDataResource } from "../engine";
import type { IEnterpriseRegistry } from "../registry/enterprise-registry";
import { FieldChecks, isUnresolved } from "../validation/field-checks";
import { ADDRESS_KEY, VPC_ID, VSWITCH_ID } from "../../validation/rules";
import { checkRegistry } from "../registry/references";
import { listOrEmpty } from "../validation/references";

const LINK_TYPE = "alicloud_cr_vpc_endpoint_linked_vpc";
const DNS_ATTRIBUTE = "enable_create_dns_record_in_pvzt";

/**
 * VPCs an instance may link to by default: "currently at most 3 VPCs can be associated; contact support for more"
 * (CreateInstanceVpcEndpointLinkedVpc description, CR OpenAPI 2018-12-01 metadata of 2024-07-30).
 */
export const DEFAULT_LINKED_VPC_QUOTA = 3;

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
   *
   * Changing it later replaces the links (delete, then create: the VPCs lose the registry for that moment), because
   * the provider's in-place update of this attribute is broken in 1.289.0; see {@link VpcEndpointAccess}.
   * @default true
   */
  readonly privateZoneDns?: boolean;
  /**
   * The links exist in the cloud and are being imported (an adopted registry): they get no replacement trigger for
   * `privateZoneDns` yet. Importing the trigger would replace them (its imported state holds no flag, so it plans an
   * update), and the API does not report the flag; a trigger created later, once this is false again, replaces
   * nothing. Until then the flag is left as the cloud has it.
   * @default false
   */
  readonly existingLinks?: boolean;
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
 *
 * DNS flag: `enable_create_dns_record_in_pvzt` is the one attribute that is not ForceNew, and its in-place update
 * fails in provider 1.289.0 (the Update function calls an unrelated HBR read function, which rejects the link's
 * 4-part id). So no plan may ever update it: the links ignore it after creation, and a `terraform_data` holding
 * the flag is their `replace_triggered_by`, so changing `privateZoneDns` replaces the links instead. An imported
 * link (its state has no value for the flag) plans no update either.
 *
 * More than {@link DEFAULT_LINKED_VPC_QUOTA} distinct VPCs on one registry (over all its VpcEndpointAccess
 * constructs) prints a warning citing the documented quota.
 */
export class VpcEndpointAccess extends Construct {
  /** The instance the VPCs are linked to. */
  public readonly registry: IEnterpriseRegistry;
  /** The link resources, for overrides and dependencies (e.g. a cluster that pulls through the VPC domain). */
  public readonly links: readonly CrVpcEndpointLinkedVpc[];
  /** Holds `privateZoneDns`; a change to it replaces every link of this construct. None for `existingLinks`. */
  public readonly dnsSetting?: TerraformDataResource;

  public constructor(scope: Construct, id: string, props: VpcEndpointAccessProps) {
    super(scope, id);
    this.registry = props.registry;
    const modules = props.modules ?? ["Registry"];
    const links = listOrEmpty(props.links).filter((l) => typeof l === "object" && l !== null);
    // A repeated module is reported once below; creating it twice would only repeat the message per link.
    const uniqueModules = [...new Set(listOrEmpty(modules))];
    const usedIds = new Set<string>();
    const duplicateChecks: (() => string[])[] = [];
    const resources: CrVpcEndpointLinkedVpc[] = [];
    const privateZoneDns = props.privateZoneDns ?? true;
    if (props.existingLinks !== true) {
      this.dnsSetting = new TerraformDataResource(this, "PrivateZoneDns", { input: { privateZoneDns } });
    }
    // A bare address: cdktf renders a resource object here as "${...}", which Terraform refuses in a lifecycle.
    const replaceTriggeredBy = this.dnsSetting && [
      `${this.dnsSetting.terraformResourceType}.${this.dnsSetting.friendlyUniqueId}`,
    ];

    links.forEach((link, index) => {
      const prefix = linkIdPrefix(link, index);
      const claims = uniqueModules.map((module) => {
        resources.push(
          new CrVpcEndpointLinkedVpc(this, uniqueId(`${prefix}_${module}`, usedIds), {
            instanceId: props.registry?.instanceId,
            vpcId: link.vpcId,
            vswitchId: link.vswitchId,
            moduleName: module,
            enableCreateDnsRecordInPvzt: privateZoneDns,
            lifecycle: { ignoreChanges: [DNS_ATTRIBUTE], replaceTriggeredBy },
          }),
        );
        return claimLink(props.registry, link, module, { construct: this, index });
      });
      duplicateChecks.push(() => duplicateMessage(index, link, claims));
    });
    this.links = resources;
    warnAboveVpcQuota(props.registry, links, this);

    this.node.addValidation({
      validate: () => [...validateProps(props, props.modules), ...duplicateChecks.flatMap((check) => check())],
    });
  }
}

// Distinct literal VPC ids linked per registry, over all its VpcEndpointAccess constructs.
const linkedVpcs = new WeakMap<object, Set<string>>();

function warnAboveVpcQuota(registry: IEnterpriseRegistry, links: readonly VpcLink[], construct: IConstruct): void {
  if (typeof registry !== "object" || registry === null) return; // reported by validateProps
  let vpcs = linkedVpcs.get(registry);
  if (!vpcs) linkedVpcs.set(registry, (vpcs = new Set()));
  const before = vpcs.size;
  for (const link of links) if (typeof link.vpcId === "string" && !isUnresolved(link.vpcId)) vpcs.add(link.vpcId);
  if (before <= DEFAULT_LINKED_VPC_QUOTA && vpcs.size > DEFAULT_LINKED_VPC_QUOTA) {
    Annotations.of(construct).addWarning(
      `${registry.node.path} links ${vpcs.size} VPCs (${[...vpcs].sort().join(", ")}); ACR documents at most ` +
        `${DEFAULT_LINKED_VPC_QUOTA} per instance ("contact support for more", CreateInstanceVpcEndpointLinkedVpc), ` +
        "so the links beyond the quota may fail at apply: raise the quota first (support ticket or extraVpcQuota)",
    );
  }
}

function linkIdPrefix(link: VpcLink, index: number): string {
  if (link.key === undefined && (isUnresolved(link.vpcId) || isUnresolved(link.vswitchId))) return `Link${index}`;
  // Construct ids may not contain "/"; a value that does is invalid anyway and reported by validation.
  return String(link.key ?? `${link.vpcId}_${link.vswitchId}`).replace(/\//g, "-");
}

// Duplicate links (or keys) would collide on the construct id, which throws at construction instead of being
// reported with the other problems; a suffix keeps construction going and validation names the duplicate.
function uniqueId(wanted: string, used: Set<string>): string {
  let id = wanted;
  for (let n = 2; used.has(id); n++) id = `${wanted}-${n}`;
  used.add(id);
  return id;
}

function validateProps(props: VpcEndpointAccessProps, given: unknown): string[] {
  const check = new FieldChecks();
  checkRegistry(check, props.registry);
  check.boolean("privateZoneDns", props.privateZoneDns);
  check.boolean("existingLinks", props.existingLinks);
  const links = check.list("links", props.links, { required: true }) ?? [];
  if (links.length === 0 && props.links?.length === 0)
    check.fail("links", [], "must list at least one VPC and vSwitch");
  const literal = links.filter((link, i): link is VpcLink => check.object(`links[${i}]`, link, { required: true }));
  literal.forEach((link) => {
    const i = links.indexOf(link);
    check.name(`links[${i}].vpcId`, link.vpcId, VPC_ID, { required: true });
    check.name(`links[${i}].vswitchId`, link.vswitchId, VSWITCH_ID, { required: true });
    check.name(`links[${i}].key`, link.key, ADDRESS_KEY);
    const first = literal.find((other) => other.key !== undefined && other.key === link.key);
    if (first !== undefined && first !== link) {
      check.fail(`links[${i}].key`, link.key, `duplicate key (also used by links[${links.indexOf(first)}])`);
    }
  });
  const modules = check.list("modules", given);
  if (modules === undefined) return check.messages();
  if (modules.length === 0) check.fail("modules", [], "must list at least one module (Registry or Chart)");
  modules.forEach((module, i) => check.provider(`modules[${i}]`, module, LINK_TYPE, "module_name"));
  if (new Set(modules).size !== modules.length) check.fail("modules", modules, "must not repeat a module");
  return check.messages();
}

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

// Links claimed per registry, keyed by vpc/vswitch/module. Kept here rather than in claimName (validation/unique-names.ts)
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
  if (typeof registry !== "object" || registry === null) return undefined; // reported by validateProps
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
