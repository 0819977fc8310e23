import * as fs from "node:fs";
import * as path from "node:path";
import type { CompanionOutput } from "../../output/synth-output";
import { CurrentResource, planProtection } from "./protection-plan";
import { readTextIfExists } from "../../output/read-if-exists";
import {
  parseProtectionRecord,
  ProtectionRecordError,
  readProtectionRecord,
  renderProtectionRecord,
} from "./protection-record";
import { resourceIdentities, StackJson } from "./resource-identity";
import { stableJson } from "./stable-json";
import { mergeMoved } from "./merge-moved";

/** Terraform version the output needs: `removed` blocks (1.7). */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.7.0";

/** What {@link protectStagedStacks} changed besides the staged stack files. */
export interface ProtectionResult {
  /** The updated records, to commit with the synth. */
  readonly companions: CompanionOutput[];
  readonly warnings: string[];
  /** Each JSON stack's configuration as synthesized (before the protection blocks), by name in manifest order. */
  readonly configs: ReadonlyMap<string, StackJson>;
}

/**
 * Applies each stack's protection record to its freshly synthesized configuration in `stagingDir`: adds the `moved`
 * blocks of renamed constructs, the `removed` blocks (`destroy = false`) of protected resources that left the code,
 * and `required_version`; returns the updated records (`<recordDir>/<stack>.yaml`).
 *
 * @param releases release entries by stack (see `releaseProtected`)
 * @throws ProtectionRecordError with every problem of every record and release list; nothing is written then
 */
export function protectStagedStacks(
  stagingDir: string,
  recordDir: string,
  releases: ReadonlyMap<string, readonly string[]>,
): ProtectionResult {
  const manifest = JSON.parse(fs.readFileSync(path.join(stagingDir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const problems: string[] = [];
  const warnings: string[] = [];
  const files: Record<string, string> = {};
  const configs = new Map<string, StackJson>();
  for (const [stack, { synthesizedStackPath }] of Object.entries(manifest.stacks)) {
    if (!synthesizedStackPath.endsWith(".json")) {
      warnings.push(`[${stack}] HCL output: its protection record is not applied`);
      continue;
    }
    const configFile = path.join(stagingDir, synthesizedStackPath);
    const json = JSON.parse(fs.readFileSync(configFile, "utf8")) as StackJson;
    configs.set(stack, json);
    const recordFile = path.join(recordDir, `${stack}.yaml`);
    const recorded = readTextIfExists(recordFile);
    let previous;
    try {
      previous = recorded === undefined ? undefined : parseProtectionRecord(recorded, recordFile);
    } catch (err) {
      if (!(err instanceof ProtectionRecordError)) throw err;
      problems.push(...err.problems);
      continue;
    }
    const plan = planProtection(stack, previous, currentResources(stack, json), releases.get(stack) ?? []);
    problems.push(...plan.problems);
    warnings.push(...plan.warnings);
    const moved = plan.moved.map(({ from, to }) => ({ from, to }));
    const removed = plan.removed.map((from) => ({ from, lifecycle: { destroy: false } }));
    const terraform = (json.terraform ?? {}) as Record<string, unknown>;
    const updated: StackJson = {
      ...json,
      terraform: { ...terraform, required_version: requiredVersion(terraform.required_version) },
      ...(moved.length > 0 ? { moved: mergeMoved(asArray(json.moved), moved) } : {}),
      ...(removed.length > 0 ? { removed: [...asArray(json.removed), ...removed] } : {}),
    };
    fs.writeFileSync(configFile, stableJson(updated));
    const text = renderProtectionRecord(stack, plan.record);
    if (recorded !== text) files[`${stack}.yaml`] = text;
  }
  warnings.push(...orphanRecords(recordDir, Object.keys(manifest.stacks)));
  if (problems.length > 0) throw new ProtectionRecordError(problems);
  return { companions: Object.keys(files).length > 0 ? [{ dir: recordDir, files }] : [], warnings, configs };
}

function currentResources(stack: string, json: StackJson): Map<string, CurrentResource> {
  const current = new Map<string, CurrentResource>();
  for (const [address, identity] of resourceIdentities(json)) {
    const [type, name] = address.split(".");
    const metadata = (json.resource?.[type]?.[name]?.["//"] as { metadata?: { path?: string } } | undefined)?.metadata;
    const constructPath = (metadata?.path ?? name)
      .replace(new RegExp(`^${escape(stack)}/`), "")
      .replace(/\/Resource$/, "");
    current.set(address, { identity, path: constructPath });
  }
  return current;
}

// A record whose stack left the code: its protected resources are in that stack's state, which no synth touches now.
function orphanRecords(recordDir: string, stacks: readonly string[]): string[] {
  if (!fs.existsSync(recordDir)) return [];
  return fs
    .readdirSync(recordDir)
    .filter((file) => file.endsWith(".yaml") && !stacks.includes(file.slice(0, -".yaml".length)))
    .sort()
    .flatMap((file) => {
      const record = readProtectionRecord(path.join(recordDir, file));
      const kept = Object.values(record?.protected ?? {}).filter((entry) => entry.status !== "released").length;
      if (kept === 0) return [];
      return [
        `stack "${file.slice(0, -".yaml".length)}" is no longer in the code, but its protection record ` +
          `${path.join(recordDir, file)} lists ${kept} protected resource(s): they stay in the cloud and in that ` +
          `stack's state, untouched. Restore the stack to manage or release them; delete the record once they are gone.`,
      ];
    });
}

function requiredVersion(existing: unknown): string {
  if (typeof existing !== "string" || existing === "") return REQUIRED_TERRAFORM_VERSION;
  return existing.includes(REQUIRED_TERRAFORM_VERSION) ? existing : `${existing}, ${REQUIRED_TERRAFORM_VERSION}`;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
