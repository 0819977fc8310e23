import * as fs from "node:fs";
import * as path from "node:path";
import type { CommitStep } from "./commit-journal";

/**
 * The entries of a stack folder (`cdktf.out/stacks/<stack>/`) that synthesis writes, and may therefore replace or
 * delete. Everything else there — `terraform.*.tfstate*`, `.terraform/`, `.terraform.lock.hcl`, plan files, review
 * output — belongs to Terraform or the user and survives every synth.
 */
export const SYNTHESIZED_STACK_ENTRIES: readonly string[] = ["cdk.tf.json", "cdk.tf", "metadata.json", "assets"];

/** What {@link planStackFolders} decided: the steps, and what to tell the user. */
export interface StackFolderPlan {
  readonly steps: CommitStep[];
  readonly warnings: string[];
}

/** Inputs of {@link planStackFolders}. */
export interface StackFolderPlanInput {
  /** The live `stacks/` folder. */
  readonly stacksDir: string;
  /** The freshly synthesized `stacks/` folder in staging. */
  readonly stagedStacksDir: string;
  /** Where the user's files of a stack that left the code are moved (`<dir>/<stack>/`). */
  readonly retainDir: string;
  /**
   * Leave the emptied folder of a removed stack in place: cdktf-cli removes stack folders that are not in the manifest
   * itself after the app exits, and fails if one is already gone.
   */
  readonly leaveEmptyFolders: boolean;
}

/**
 * Plans how the staged stacks replace the live ones: the synthesized entries of every stack in the new output are
 * replaced (files atomically by rename), synthesized entries no longer produced are removed, and nothing else in a
 * stack folder is touched. Steps that add come first and removals last, so that at every step each stack the current
 * manifest lists has its configuration. A stack folder that no longer belongs to any stack is removed when it holds only
 * synthesized entries; anything else in it is moved to `retainDir/<stack>/` (never deleted), with a warning.
 */
export function planStackFolders(input: StackFolderPlanInput): { add: StackFolderPlan; remove: StackFolderPlan } {
  const add: StackFolderPlan = { steps: [], warnings: [] };
  const remove: StackFolderPlan = { steps: [], warnings: [] };
  const staged = subfolders(input.stagedStacksDir);
  for (const stack of staged) {
    const live = path.join(input.stacksDir, stack);
    const fresh = path.join(input.stagedStacksDir, stack);
    const freshEntries = new Set(fs.readdirSync(fresh));
    for (const entry of freshEntries) {
      const target = path.join(live, entry);
      // rename() replaces a file atomically, but not a non-empty folder (assets/): that one goes first.
      if (isFolder(target)) add.steps.push({ op: "remove", path: target });
      add.steps.push({ op: "rename", from: path.join(fresh, entry), to: target });
    }
    for (const entry of entries(live)) {
      if (SYNTHESIZED_STACK_ENTRIES.includes(entry) && !freshEntries.has(entry)) {
        remove.steps.push({ op: "remove", path: path.join(live, entry) });
      }
    }
    add.warnings.push(...strayStateFiles(stack, live, path.join(fresh, "cdk.tf.json")));
  }
  for (const stack of subfolders(input.stacksDir)) {
    if (staged.includes(stack)) continue;
    const live = path.join(input.stacksDir, stack);
    const userEntries = entries(live).filter((entry) => !SYNTHESIZED_STACK_ENTRIES.includes(entry));
    for (const entry of entries(live)) {
      if (SYNTHESIZED_STACK_ENTRIES.includes(entry)) remove.steps.push({ op: "remove", path: path.join(live, entry) });
    }
    if (userEntries.length > 0) {
      const keep = freeFolder(input.retainDir, stack);
      for (const entry of userEntries) {
        remove.steps.push({ op: "rename", from: path.join(live, entry), to: path.join(keep, entry) });
      }
      remove.warnings.push(
        `stack "${stack}" is no longer in the code, but its folder ${shown(live)} holds ${userEntries.join(", ")}: ` +
          `moved to ${shown(keep)} (nothing was deleted). If the stack was deployed, its resources still exist; to destroy ` +
          `them, restore the stack in the code and run \`cdktf destroy ${stack}\`.`,
      );
    }
    if (!input.leaveEmptyFolders) remove.steps.push({ op: "rmdir", path: live });
  }
  return { add, remove };
}

// A state file in the stack folder that is not the one the stack's local backend uses (the layout before state moved
// out of cdktf.out/, or a copy): tell the user how to carry it over, since Terraform would otherwise start empty.
function strayStateFiles(stack: string, live: string, stagedConfig: string): string[] {
  const states = entries(live).filter((entry) => entry.endsWith(".tfstate"));
  if (states.length === 0) return [];
  const backendPath = localBackendPath(stagedConfig);
  const current = backendPath === undefined ? undefined : path.resolve(live, backendPath);
  return states
    .map((entry) => path.join(live, entry))
    .filter((file) => file !== current)
    .map((file) => {
      const where = current === undefined ? "it has no local backend" : `its state file is ${shown(current)}`;
      const what =
        current !== undefined && fs.existsSync(current)
          ? "delete the old file once you no longer need it"
          : `if it holds the stack's state, run \`cdktf diff ${stack} --migrate-state\` once to copy it there`;
      return `${shown(file)} is not the state file of stack "${stack}" (${where}): ${what}. Synthesis never deletes it.`;
    });
}

function localBackendPath(configFile: string): string | undefined {
  try {
    const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as {
      terraform?: { backend?: { local?: { path?: unknown } } };
    };
    const local = config.terraform?.backend?.local;
    if (local === undefined) return undefined;
    return typeof local.path === "string" ? local.path : "terraform.tfstate";
  } catch {
    return undefined; // HCL output, or no configuration: nothing to compare with
  }
}

// Paths in messages: relative to the current folder, as the user typed them.
function shown(p: string): string {
  return path.relative(process.cwd(), p) || ".";
}

function freeFolder(parent: string, name: string): string {
  for (let n = 1; ; n++) {
    const candidate = path.join(parent, n === 1 ? name : `${name}-${n}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

function subfolders(dir: string): string[] {
  return entries(dir)
    .filter((name) => isFolder(path.join(dir, name)))
    .sort();
}

function entries(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

function isFolder(p: string): boolean {
  try {
    return fs.lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}
