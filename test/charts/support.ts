import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { RegistryFacts } from "../../charts/registry-facts";

/** A Kubernetes object as parsed from YAML. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  [key: string]: unknown;
}

/** Every document of a multi-document YAML text. */
export function parseDocs(text: string): K8sObject[] {
  return parseAllDocuments(text).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as K8sObject;
  });
}

/** The one object of `kind` named `name`. */
export function findObject(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0];
}

export const PROD: RegistryFacts = {
  instanceId: "cri-prod0example",
  regionId: "cn-hangzhou",
  publicDomain: "acme-prod-registry.cn-hangzhou.cr.aliyuncs.com",
  vpcDomain: "acme-prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com",
};

export const DEV: RegistryFacts = {
  instanceId: "cri-acmedev0example",
  regionId: "cn-shanghai",
  publicDomain: "acme-dev-registry.cn-shanghai.cr.aliyuncs.com",
  vpcDomain: "acme-dev-registry-vpc.cn-shanghai.cr.aliyuncs.com",
};

export const OWNER_ROLE = "acs:ram::1000000000000001:role/acr-puller";
export const RRSA_ROLE = "acs:ram::2000000000000002:role/acr-helper-rrsa";
export const OIDC_PROVIDER = "acs:ram::2000000000000002:oidc-provider/ack-rrsa-c0123456789abcdef";

/** A fresh temp folder that jest's global teardown removes. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "acr-platform-test-"));
}

/** Result of one document in scripts/validate-manifests.mjs --json. */
export interface SchemaResult {
  source: string;
  index: number;
  kind?: string;
  name?: string;
  status: "valid" | "invalid" | "unchecked";
  errors: string[];
}

const SCRIPT = path.join(__dirname, "../../scripts/validate-manifests.mjs");

/** Validates YAML files against the Kubernetes schemas of kubernetes-models (ESM: run as a child process). */
export function schemaCheck(files: string[]): { results: SchemaResult[]; exitCode: number } {
  try {
    const out = execFileSync(process.execPath, [SCRIPT, "--json", ...files], { encoding: "utf8" });
    return { results: JSON.parse(out).results, exitCode: 0 };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { results: JSON.parse(e.stdout).results, exitCode: e.status };
  }
}
