// Pure IPv4 CIDR parsing for allow-lists. Strict on purpose: an allow-list entry that a human misreads (leading
// zeros, host bits set) is a security problem, so only the canonical form is accepted.

/** A valid IPv4 CIDR block in canonical form: `network` is the network address, host bits zero. */
export interface Ipv4Cidr {
  /** Network address, dotted quad without leading zeros, e.g. `10.0.0.0`. */
  readonly network: string;
  /** Prefix length, 0-32. */
  readonly prefix: number;
}

const SHAPE = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/;
const SINGLE_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * Parses `text` as a canonical IPv4 CIDR block: four decimal octets 0-255 without leading zeros, a prefix 0-32
 * without leading zeros, and no host bits set. Returns the block, or a sentence saying what is wrong (the rule
 * part of a `field = value: rule` message).
 */
export function parseIpv4Cidr(text: string): Ipv4Cidr | string {
  const match = SHAPE.exec(text);
  if (!match) {
    return SINGLE_ADDRESS.test(text)
      ? `must be an IPv4 CIDR block: add a prefix length (${text}/32 for this single address)`
      : "must be an IPv4 CIDR block such as 203.0.113.0/24";
  }
  const octetTexts = match.slice(1, 5);
  const prefixText = match[5];
  // Leading zeros are refused, not read: some tools take 010 as octal 8, so the entry would not mean what it says.
  if (octetTexts.some((o) => o.length > 1 && o.startsWith("0"))) {
    return "octets must not have leading zeros";
  }
  if (octetTexts.some((o) => Number(o) > 255)) return "octets must be 0-255";
  if ((prefixText.length > 1 && prefixText.startsWith("0")) || Number(prefixText) > 32) {
    return "prefix length must be 0-32";
  }
  const address = octetTexts.join(".");
  const prefix = Number(prefixText);
  const network = networkAddress(address, prefix);
  if (network !== address) return `host bits must be zero: did you mean ${network}/${prefix}?`;
  return { network, prefix };
}

/**
 * The network address of `address` (a dotted quad) under a `prefix`-bit mask, e.g. `10.1.2.3`, 8 → `10.0.0.0`.
 * Throws on malformed input: callers pass values they have already checked.
 */
export function networkAddress(address: string, prefix: number): string {
  return formatIpv4(ipv4ToNumber(address) & prefixMask(prefix));
}

/** The unsigned 32-bit value of a dotted-quad IPv4 address, for numeric ordering. Throws on malformed input. */
export function ipv4ToNumber(address: string): number {
  const octets = address.split(".");
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255)) {
    throw new Error(`not an IPv4 address: ${address}`);
  }
  return octets.reduce((value, o) => value * 256 + Number(o), 0);
}

function prefixMask(prefix: number): number {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new Error(`not an IPv4 prefix length: ${prefix}`);
  // `>>> 0` keeps the mask unsigned; a shift by 32 is a no-op in JavaScript, hence the special case.
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function formatIpv4(value: number): string {
  const unsigned = value >>> 0;
  return [24, 16, 8, 0].map((shift) => (unsigned >>> shift) & 0xff).join(".");
}
