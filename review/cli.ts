/**
 * The common start of the review CLIs: `--help` prints the usage (exit 0); arguments `parse` rejects print the
 * problem and the usage (exit 2). Returns the parsed arguments, or the exit status to return.
 */
export function parseCli<T>(
  name: string,
  usage: string,
  argv: readonly string[],
  parse: (argv: readonly string[]) => T | string,
): { readonly args: T } | { readonly exit: number } {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${usage}\n`);
    return { exit: 0 };
  }
  let args: T | string;
  try {
    args = parse(argv);
  } catch (error) {
    // node:util parseArgs reports unknown options and missing values by throwing; they are usage errors.
    const code = (error as { code?: unknown }).code;
    if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS")) throw error;
    args = (error as Error).message;
  }
  if (typeof args === "string") {
    process.stderr.write(`${name}: ${args}\n${usage}\n`);
    return { exit: 2 };
  }
  return { args };
}
