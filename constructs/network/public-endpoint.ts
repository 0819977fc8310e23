import { Construct, IConstruct } from "constructs";
import { CrInternetEndpoint, CrInternetEndpointEntries } from "../../.gen/providers/alicloud/cr-internet-endpoint";
import { Annotations } from "../engine";
import type { IEnterpriseRegistry } from "../registry/enterprise-registry";
import { FieldChecks, isUnresolved } from "../validation/field-checks";
import { ipv4ToNumber, parseIpv4Cidr } from "./cidr";
import { checkRegistry } from "../registry/references";
import { listOrEmpty } from "../validation/references";

/** The entry ACR adds to every Internet allow-list itself; the provider hides it from state. */
const SYSTEM_ENTRY = "127.0.0.1/32";

/** Longest description we accept: our own bound (the API documents none), enough for a sentence. */
const MAX_DESCRIPTION = 128;

/** One address range allowed to reach the registry over the Internet. */
export interface AllowListEntry {
  /** IPv4 CIDR block in canonical form, e.g. `203.0.113.0/24`; `/32` for a single address. */
  readonly cidr: string;
  /** Who or what the range is (shown as the entry's comment in the console): 1-128 characters, our limit. */
  readonly description: string;
}

/** Options of an Internet endpoint opened from a registry; {@link PublicEndpointProps} without the registry. */
export interface PublicEndpointOptions {
  /** Address ranges allowed to reach the registry's Internet domain; at least one. */
  readonly allowList: readonly AllowListEntry[];
  /**
   * Accept an entry with prefix `/0` (`0.0.0.0/0`), which makes the registry reachable from the whole Internet.
   * Synthesis then prints a warning; without this flag such an entry is an error.
   * @default false
   */
  readonly allowAnyIp?: boolean;
}

/** Properties of a {@link PublicEndpoint}. */
export interface PublicEndpointProps extends PublicEndpointOptions {
  /** The Enterprise Edition instance whose Internet endpoint to open. */
  readonly registry: IEnterpriseRegistry;
}

/**
 * The Internet endpoint of an Enterprise Edition instance and its allow-list, as ONE
 * `alicloud_cr_internet_endpoint` resource (`instance_id` plus one `entries` block per allowed range). A new
 * instance accepts no network traffic until VPC or Internet access is configured; the two are independent
 * (see {@link VpcEndpointAccess}).
 *
 * Why one resource and not one `alicloud_cr_endpoint_acl_policy` per entry:
 * - one resource owns the whole list, so an entry removed from code is removed from the cloud, and an entry
 *   added by hand in the console shows up as drift instead of lingering unnoticed;
 * - several ACL policies created in one apply fail intermittently (concurrent creation is rejected; observed,
 *   and public code serialises them);
 * - the system entry `127.0.0.1/32` that ACR adds on its own is hidden from state and must not be declared, so
 *   the list in code is exactly the list of ranges a reviewer has to judge.
 *
 * Entries are emitted sorted by address and prefix, so reordering `allowList` changes nothing. Because the
 * resource owns the list, declare all entries of a registry in one `PublicEndpoint`: a second one on the same
 * registry is refused. ACR opens an enabled Internet endpoint with an empty allow-list to everybody, so an empty
 * list is refused too.
 */
export class PublicEndpoint extends Construct {
  /** The instance whose Internet endpoint this manages. */
  public readonly registry: IEnterpriseRegistry;
  /** The underlying Terraform resource, for overrides. */
  public readonly resource: CrInternetEndpoint;

  public constructor(scope: Construct, id: string, props: PublicEndpointProps) {
    super(scope, id);
    this.registry = props.registry;
    const allowList = listOrEmpty(props.allowList).filter((e) => typeof e === "object" && e !== null);
    this.resource = new CrInternetEndpoint(this, "Resource", {
      instanceId: props.registry?.instanceId,
      entries: sortedEntries(allowList).map((e): CrInternetEndpointEntries => ({
        entry: e.cidr,
        comment: e.description,
      })),
    });

    const anyIp = allowList.filter((e) => typeof e.cidr === "string" && !isUnresolved(e.cidr) && isAnyIp(e.cidr));
    if (props.allowAnyIp === true && anyIp.length > 0) {
      Annotations.of(this).addWarning(
        `allowList contains ${anyIp[0].cidr} (allowAnyIp: true): the registry is reachable from the whole Internet`,
      );
    }
    const duplicates = claimEndpoint(props.registry, this);
    this.node.addValidation({ validate: () => [...validateProps(props), ...duplicates()] });
  }
}

function isAnyIp(cidr: string): boolean {
  const parsed = parseIpv4Cidr(cidr);
  return typeof parsed !== "string" && parsed.prefix === 0;
}

// Sort key tiers: valid blocks by address then prefix; other literals (invalid, reported by validation) by text;
// tokens last, in declaration order. Array.prototype.sort is stable, so equal keys keep their order.
function sortedEntries(entries: readonly AllowListEntry[]): AllowListEntry[] {
  const key = (e: AllowListEntry): [number, number, number, string] => {
    if (isUnresolved(e.cidr)) return [2, 0, 0, ""];
    const parsed = parseIpv4Cidr(e.cidr);
    return typeof parsed === "string" ? [1, 0, 0, e.cidr] : [0, ipv4ToNumber(parsed.network), parsed.prefix, ""];
  };
  return [...entries].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
    return ka[3] < kb[3] ? -1 : ka[3] > kb[3] ? 1 : 0;
  });
}

function validateProps(props: PublicEndpointProps): string[] {
  const check = new FieldChecks();
  checkRegistry(check, props.registry);
  check.boolean("allowAnyIp", props.allowAnyIp);
  const allowList = check.list("allowList", props.allowList, { required: true });
  if (allowList === undefined) return check.messages();
  if (allowList.length === 0) {
    check.fail(
      "allowList",
      [],
      "must list at least one CIDR block: an enabled Internet endpoint with an empty allow-list is open to the " +
        "whole Internet (ACR docs); to mean that, list 0.0.0.0/0 and set allowAnyIp: true",
    );
  }
  const firstIndex = new Map<string, number>();
  allowList.forEach((entry, i) => {
    const field = `allowList[${i}]`;
    if (!check.object(field, entry, { required: true })) return;
    if (check.string(`${field}.cidr`, entry.cidr, { required: true })) {
      checkCidr(check, `${field}.cidr`, entry.cidr, props.allowAnyIp === true);
      const first = firstIndex.get(entry.cidr);
      if (first === undefined) firstIndex.set(entry.cidr, i);
      else check.fail(`${field}.cidr`, entry.cidr, `duplicate CIDR block (also at allowList[${first}])`);
    }
    if (check.string(`${field}.description`, entry.description, { required: true })) {
      if (entry.description.trim().length === 0) {
        check.fail(`${field}.description`, entry.description, "must say who or what the range admits");
      } else if (entry.description.length > MAX_DESCRIPTION) {
        check.fail(
          `${field}.description`,
          entry.description,
          `must be at most ${MAX_DESCRIPTION} characters (an acr-platform limit; got ${entry.description.length})`,
        );
      }
    }
  });
  return check.messages();
}

function checkCidr(check: FieldChecks, field: string, cidr: string, allowAnyIp: boolean): void {
  if (cidr === SYSTEM_ENTRY) {
    check.fail(field, cidr, "is the system entry ACR adds itself and hides from Terraform state; do not declare it");
    return;
  }
  const parsed = parseIpv4Cidr(cidr);
  if (typeof parsed === "string") check.fail(field, cidr, parsed);
  else if (parsed.prefix === 0 && !allowAnyIp) {
    check.fail(field, cidr, "opens the registry to the whole Internet; set allowAnyIp: true if that is intended");
  }
}

// One allow-list owner per registry. Not claimName (validation/unique-names.ts): there is no name, and its message
// ("duplicate ... name") would mislead.
const owners = new WeakMap<object, IConstruct[]>();

function claimEndpoint(registry: IEnterpriseRegistry, self: IConstruct): () => string[] {
  if (typeof registry !== "object" || registry === null) return () => []; // reported by validateProps
  const holders = owners.get(registry) ?? [];
  holders.push(self);
  owners.set(registry, holders);
  return () => {
    const others = holders.filter((h) => h !== self).map((h) => h.node.path);
    if (others.length === 0) return [];
    const check = new FieldChecks();
    check.fail(
      "registry",
      registry.node.path,
      `already has an Internet allow-list in ${others.join(", ")}: one alicloud_cr_internet_endpoint owns the ` +
        "whole list, so declare every entry in one PublicEndpoint",
    );
    return check.messages();
  };
}
