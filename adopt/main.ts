// The entry of `npm run adopt`: runs the CLI with the process's arguments and exits with its code.
import { runAdopt } from "./cli";

runAdopt(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`adopt: unexpected failure: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
