import { ipv4ToNumber, networkAddress, parseIpv4Cidr } from "../../constructs/network/cidr";

describe("parseIpv4Cidr", () => {
  test.each([
    ["10.0.0.0/8", "10.0.0.0", 8],
    ["203.0.113.7/32", "203.0.113.7", 32],
    ["0.0.0.0/0", "0.0.0.0", 0],
    ["192.168.128.0/17", "192.168.128.0", 17],
    ["255.255.255.255/32", "255.255.255.255", 32],
  ])("%s is a valid block", (text, network, prefix) => {
    expect(parseIpv4Cidr(text)).toEqual({ network, prefix });
  });

  test.each([
    ["10.0.0.1/8", "host bits must be zero: did you mean 10.0.0.0/8?"],
    ["192.168.1.130/25", "host bits must be zero: did you mean 192.168.1.128/25?"],
    ["1.0.0.0/0", "host bits must be zero: did you mean 0.0.0.0/0?"],
    ["10.0.0.256/32", "octets must be 0-255"],
    ["010.0.0.0/8", "octets must not have leading zeros"],
    ["10.0.0.0/33", "prefix length must be 0-32"],
    ["10.0.0.0/08", "prefix length must be 0-32"],
    ["10.0.0.1", "must be an IPv4 CIDR block: add a prefix length (10.0.0.1/32 for this single address)"],
    ["10.0.0/8", "must be an IPv4 CIDR block such as 203.0.113.0/24"],
    ["10.0.0.0/", "must be an IPv4 CIDR block such as 203.0.113.0/24"],
    [" 10.0.0.0/8", "must be an IPv4 CIDR block such as 203.0.113.0/24"],
    ["2001:db8::/32", "must be an IPv4 CIDR block such as 203.0.113.0/24"],
    ["", "must be an IPv4 CIDR block such as 203.0.113.0/24"],
  ])("%s is refused: %s", (text, problem) => {
    expect(parseIpv4Cidr(text)).toBe(problem);
  });
});

describe("networkAddress", () => {
  test("masks host bits for every prefix edge", () => {
    expect(networkAddress("255.255.255.255", 0)).toBe("0.0.0.0");
    expect(networkAddress("255.255.255.255", 1)).toBe("128.0.0.0");
    expect(networkAddress("10.20.30.40", 8)).toBe("10.0.0.0");
    expect(networkAddress("10.20.30.40", 20)).toBe("10.20.16.0");
    expect(networkAddress("255.255.255.255", 31)).toBe("255.255.255.254");
    expect(networkAddress("255.255.255.255", 32)).toBe("255.255.255.255");
  });

  test("throws on input that was not checked first", () => {
    expect(() => networkAddress("10.0.0", 8)).toThrow("not an IPv4 address: 10.0.0");
    expect(() => networkAddress("10.0.0.0", 33)).toThrow("not an IPv4 prefix length: 33");
  });
});

describe("ipv4ToNumber", () => {
  test("orders addresses numerically, not as text", () => {
    expect(ipv4ToNumber("0.0.0.0")).toBe(0);
    expect(ipv4ToNumber("255.255.255.255")).toBe(4294967295);
    expect(ipv4ToNumber("11.0.0.0")).toBeLessThan(ipv4ToNumber("100.64.0.0"));
  });
});
