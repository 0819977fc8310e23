import { TerraformStack } from "../../constructs/engine";
import { problemsOf, testStack } from "./synth";

/** One bad value of one public prop: what to build, and the one problem it must produce. */
export interface BadInput {
  /** The prop (or value object field) under test, e.g. `instanceName` or `target.region`. */
  readonly prop: string;
  /** What is wrong with it, for the test title. */
  readonly bad: string;
  /** Adds the construct with the bad value to a fresh stack `test` (provider in cn-hangzhou). */
  readonly build: (stack: TerraformStack) => unknown;
  /** The only problem the app may report: path, field, value and rule. */
  readonly problem: string;
}

/**
 * Every problem of an app built by `build` in a fresh stack `test`. For a table of {@link BadInput}s: the bad value
 * must give exactly its own problem, and no follow-on.
 */
export function problemsOfStack(build: (stack: TerraformStack) => unknown): string[] {
  const { app, stack } = testStack();
  build(stack);
  return problemsOf(app);
}

/** `props` with `prop` replaced by `value` (removed when `value` is `undefined`), typed as the original for casts. */
export function withProp<T extends object>(props: T, prop: string, value: unknown): T {
  const copy = { ...props } as Record<string, unknown>;
  if (value === undefined) delete copy[prop];
  else copy[prop] = value;
  return copy as T;
}
