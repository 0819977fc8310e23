#!/usr/bin/env node
/**
 * Which synthesized stacks CI may plan: only those whose Terraform backend is remote. A stack with local state
 * (the default `terraform-state/<stack>.tfstate`) would be planned against an empty state on a fresh runner,
 * so its plan would "create" everything that exists and hide every real deletion.
 *
 * `node lib/review/plan-gate.js [cdktf.out]` prints the plannable stacks, space-separated, and one line per skipped
 * stack with the reason on stderr; with `GITHUB_OUTPUT` set it also writes `stacks=` and `reason=` there.
 */
import * as fs from "node:fs";
import { isObject } from "./markdown";
import { readSynthStacks, SynthOutputError, SynthStack } from "./synth-stacks";

/** The answer for a set of stacks. */
export interface PlanGate {
  readonly plannable: readonly string[];
  readonly skipped: readonly { readonly stack: string; readonly reason: string }[];
}

/** The backend type of a stack's Terraform JSON (`local` when none is declared: Terraform's default). */
export function backendOf(config: unknown): string {
  const terraform = isObject(config) ? config.terraform : undefined;
  const backend = isObject(terraform) ? terraform.backend : undefined;
  return isObject(backend) ? (Object.keys(backend)[0] ?? "local") : "local";
}

/** Splits stacks into those with remote state and those CI must not plan, with the reason. */
export function planGate(stacks: readonly SynthStack[]): PlanGate {
  const plannable: string[] = [];
  const skipped: { stack: string; reason: string }[] = [];
  for (const { stack, config } of stacks) {
    const backend = backendOf(config);
    if (backend !== "local") plannable.push(stack);
    else {
      skipped.push({
        stack,
        reason: `${stack} keeps local state: a CI plan would start from an empty state; configure state: { kind: "oss", ... }`,
      });
    }
  }
  return { plannable, skipped };
}

function main(argv: readonly string[]): number {
  let gate: PlanGate;
  try {
    gate = planGate(readSynthStacks(argv[0] ?? "cdktf.out"));
  } catch (error) {
    if (!(error instanceof SynthOutputError)) throw error;
    process.stderr.write(`plan-gate: ${error.message}\n`);
    return 2;
  }
  for (const s of gate.skipped) process.stderr.write(`plan-gate: skipped ${s.reason}\n`);
  process.stdout.write(`${gate.plannable.join(" ")}\n`);
  const reason = gate.plannable.length === 0 ? "no stack has remote state; nothing is planned" : "";
  if (process.env.GITHUB_OUTPUT) {
    fs.appendFileSync(process.env.GITHUB_OUTPUT, `stacks=${gate.plannable.join(" ")}\nreason=${reason}\n`);
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
