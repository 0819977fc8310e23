import { validateArn } from "../../constructs";
import { FieldChecks } from "../../constructs/validation/field-checks";
import type { PlatformDefinition } from "./definition";

// The platform-wide settings of a definition: state backend, guardrail exceptions and protection releases. Each
// exception and release names a stack first; the stacks are known from the definition, before anything is built.

/** The settings of a definition that can be built on. */
export type PlatformSettings = Pick<PlatformDefinition, "state" | "guardrails" | "protection">;

/**
 * Checks `state`, `guardrails` and `protection` of `definition`; `stackNames` are the stacks it declares. Returns
 * the settings without what failed (a state that failed becomes the default), so that building adds no follow-on.
 */
export function checkDefinitionSettings(
  check: FieldChecks,
  definition: PlatformDefinition,
  stackNames: readonly string[],
): PlatformSettings {
  const before = check.problems.length;
  checkState(check, definition.state);
  const state = check.problems.length === before ? definition.state : undefined;
  const guardrails = definition.guardrails;
  const usableGuardrails: Record<string, readonly string[]> = {};
  if (check.object("definition.guardrails", guardrails)) {
    for (const [kind, entries] of Object.entries(guardrails)) {
      const at = `definition.guardrails.${kind}`;
      const list = check.list(at, entries);
      if (list === undefined) continue;
      usableGuardrails[kind] = list.filter((entry, i): entry is string => {
        if (!check.string(`${at}[${i}]`, entry, { required: true })) return false;
        if (kind === "requiredTags" || stackNames.includes(entry.split("/")[0])) return true;
        check.fail(`${at}[${i}]`, entry, `names no stack; stacks: ${stackNames.join(", ")}`);
        return false;
      });
    }
  }
  const release: string[] = [];
  if (check.object("definition.protection", definition.protection)) {
    const at = "definition.protection.release";
    (check.list(at, definition.protection.release) ?? []).forEach((entry, i) => {
      if (!check.string(`${at}[${i}]`, entry, { required: true })) return;
      if (stackNames.includes(stackOfRelease(entry))) release.push(entry);
      else
        check.fail(`${at}[${i}]`, entry, `must start with a stack name and / or : (stacks: ${stackNames.join(", ")})`);
    });
  }
  return { state, guardrails: usableGuardrails, protection: { release } };
}

/** The stack name for an environment, account alias and region. */
export function stackName(environment: string, account: string, region: string): string {
  return `${environment}-${account}-${region}`;
}

/** The stack a protection release entry names first: `<stack>/<path>` or `<stack>:<address>`. */
export function stackOfRelease(entry: string): string {
  return entry.split(/[/:]/)[0];
}

function checkState(check: FieldChecks, state: unknown): void {
  if (!check.object("definition.state", state)) return;
  check.oneOf("definition.state.kind", state.kind, ["local", "oss"], { required: true });
  if (state.kind === "local") {
    check.string("definition.state.directory", state.directory);
    return;
  }
  if (state.kind !== "oss") return;
  for (const key of ["bucket", "region", "prefix", "lockTable", "lockTableEndpoint"] as const) {
    if (check.string(`definition.state.${key}`, state[key], { required: true }) && state[key] === "") {
      check.fail(`definition.state.${key}`, state[key], "required for the OSS backend");
    }
  }
  // The backend assumes this role to reach the bucket and the lock table, so it must be a role ARN.
  if (check.string("definition.state.assumeRoleArn", state.assumeRoleArn) && state.assumeRoleArn !== undefined) {
    for (const rule of validateArn(state.assumeRoleArn, "ram-role")) {
      check.fail("definition.state.assumeRoleArn", state.assumeRoleArn, rule);
    }
  }
}
