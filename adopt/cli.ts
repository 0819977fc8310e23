import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { FieldChecks } from "../constructs/validation/field-checks";
import {
  ACCOUNT_ID,
  ACR_REGIONS,
  DEFINITION_ALIAS,
  DEFINITION_REGISTRY_ID,
  DNS_LABEL,
  INSTANCE_ID,
} from "../validation/rules";
import { AdoptError, READ_ACTIONS } from "./api-error";
import { problemsOfDefinition } from "./check-result";
import { readEstate } from "./read-estate";
import { RecordingTransport, ReplayTransport, writeFileAtomic, writeRecording } from "./recording";
import { renderDefinitionModule } from "./render";
import { RetryPolicy } from "./retry";
import { SdkTransport } from "./sdk-transport";
import { toDefinition } from "./to-definition";
import { Transport } from "./transport";

const USAGE = `usage: npm run adopt -- --instance-id cri-... --region <region> --out FILE.ts [options]

Reads an ACR Enterprise Edition instance (read-only CR API calls) and writes a PlatformDefinition that imports it.

  --instance-id ID      the instance (cri-...)
  --region REGION       its region, e.g. cn-hangzhou
  --out FILE.ts         the module to write (exports \`definition\`)
  --account-id UID      the owning account (16 digits); default: STS GetCallerIdentity (live only)
  --record DIR          also save every CR call as DIR/<n>-<Action>.json
  --from DIR            replay such a folder instead of calling the cloud (needs --account-id)
  --environment NAME    environment name (default prod)
  --account-alias NAME  account alias in the definition (default main)
  --registry-id ID      registry id (default: the instance name in PascalCase)
  --name NAME           platform name (default: the instance name)
  --owner TEAM          owner tag (default platform-team)
  --endpoint URL        CR endpoint: a host or http(s)://host[:port] (default cr.<region>.aliyuncs.com)
  --sts-endpoint URL    STS endpoint (default sts.<region>.aliyuncs.com)

Credentials come from the default chain (environment, profile, ECS RAM role, OIDC). RAM actions needed:
  ${READ_ACTIONS.join(", ")}`;

/** What the CLI may be given besides its arguments (tests point it at a local server and skip the waits). */
export interface AdoptDependencies {
  /** Retries of the live client. @default - see RetryPolicy */
  readonly retry?: RetryPolicy;
  /** Where progress and problems go. @default stderr */
  readonly log?: (line: string) => void;
}

/** Runs `npm run adopt` with `argv`; resolves to the exit code (0 written, 1 failed and nothing written, 2 usage). */
export async function runAdopt(argv: readonly string[], deps: AdoptDependencies = {}): Promise<number> {
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    log(`adopt: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    log(USAGE);
    return 0;
  }
  const usage = usageProblems(args);
  if (usage.length > 0) {
    log(`adopt: ${usage.length} problem(s) with the arguments; nothing was read:\n  ${usage.join("\n  ")}`);
    return 2;
  }
  const started = Date.now();
  try {
    const live = args.from === undefined;
    const base: Transport = live
      ? new SdkTransport({
          region: args.region!,
          endpoint: args.endpoint,
          stsEndpoint: args["sts-endpoint"],
          retry: deps.retry,
        })
      : new ReplayTransport(args.from!);
    const transport = args.record !== undefined ? new RecordingTransport(base) : base;
    const estate = await readEstate(transport, {
      instanceId: args["instance-id"]!,
      region: args.region!,
      accountId: args["account-id"],
    });
    const instanceName = String(estate.instance.InstanceName ?? "");
    const adoption = toDefinition(estate, {
      environment: args.environment ?? "prod",
      accountAlias: args["account-alias"] ?? "main",
      platform: args.name ?? instanceName,
      owner: args.owner ?? "platform-team",
      registryId: args["registry-id"] ?? pascalCase(instanceName),
    });
    const problems = problemsOfDefinition(adoption.definition);
    if (problems.length > 0) {
      log(
        `adopt: the definition read from ${estate.instanceId} breaks ${problems.length} rule(s) of this project; ` +
          `nothing was written:\n  ${problems.join("\n  ")}\n` +
          "Fix them in the console (or pass other --environment/--account-alias/--registry-id/--name/--owner), " +
          "then adopt again.",
      );
      return 1;
    }
    const out = path.resolve(args.out!);
    const text = renderDefinitionModule(adoption, {
      definitionModule: definitionModuleFrom(path.dirname(out)),
      source: live ? "read live" : `replayed from ${args.from}`,
      instanceId: estate.instanceId,
      region: estate.region,
    });
    if (transport instanceof RecordingTransport) writeRecording(path.resolve(args.record!), transport.calls);
    writeFileAtomic(out, text);
    const imported = Object.values(adoption.imports).reduce((a, b) => a + b, 0);
    log(
      `adopt: wrote ${path.relative(process.cwd(), out)} (stack ${adoption.stack}): ${imported} object(s) to import ` +
        `(${Object.entries(adoption.imports)
          .map(([t, n]) => `${n} ${t}`)
          .join(", ")}) in ${((Date.now() - started) / 1000).toFixed(2)} s`,
    );
    if (transport instanceof RecordingTransport)
      log(`adopt: recorded ${transport.calls.length} call(s) in ${args.record}`);
    if (adoption.unmodelled.length > 0) {
      log(`adopt: ${adoption.unmodelled.length} setting(s) not carried over, listed in the file's comment`);
    }
    for (const line of adoption.leftOut) log(`adopt: left out: ${line}`);
    return 0;
  } catch (error) {
    if (!(error instanceof AdoptError)) throw error;
    log(`adopt: ${error.message}\nNothing was written.`);
    return 1;
  }
}

function parse(argv: readonly string[]) {
  const text = { type: "string" } as const;
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      "instance-id": text,
      region: text,
      "account-id": text,
      out: text,
      record: text,
      from: text,
      environment: text,
      "account-alias": text,
      "registry-id": text,
      name: text,
      owner: text,
      endpoint: text,
      "sts-endpoint": text,
      help: { type: "boolean", short: "h" },
    },
  }).values;
}

function usageProblems(args: ReturnType<typeof parse>): string[] {
  const check = new FieldChecks();
  check.name("--instance-id", args["instance-id"], INSTANCE_ID, { required: true });
  if (check.string("--region", args.region, { required: true }) && !ACR_REGIONS.has(args.region)) {
    check.fail("--region", args.region, "not a region with Container Registry");
  }
  check.name("--account-id", args["account-id"], ACCOUNT_ID);
  if (check.string("--out", args.out, { required: true })) {
    if (!args.out.endsWith(".ts")) check.fail("--out", args.out, "must name a .ts file");
    if (!fs.existsSync(path.dirname(path.resolve(args.out))))
      check.fail("--out", args.out, "its folder does not exist");
  }
  if (args.record !== undefined && fs.existsSync(args.record) && fs.readdirSync(args.record).length > 0) {
    check.fail("--record", args.record, "is not empty: give a new folder (records left there would answer a replay)");
  }
  if (args.record !== undefined && args.from !== undefined) {
    check.fail("--record", args.record, "cannot be combined with --from (a replay calls nothing to record)");
  }
  if (args.from !== undefined && args["account-id"] === undefined) {
    check.fail("--account-id", undefined, "required with --from (a replay cannot ask STS whose account it is)");
  }
  check.name("--environment", args.environment, DEFINITION_ALIAS);
  check.name("--account-alias", args["account-alias"], DEFINITION_ALIAS);
  check.name("--registry-id", args["registry-id"], DEFINITION_REGISTRY_ID);
  check.name("--name", args.name, DNS_LABEL);
  check.length("--owner", args.owner, 1, 128);
  return check.messages();
}

/** `acme-prod` -> `AcmeProd`: a registry id (letters and digits, starting with a letter). */
function pascalCase(name: string): string {
  const id = name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
  return /^[A-Za-z]/.test(id) ? id : `Registry${id}`;
}

/** The import specifier of stacks/platform/definition from `dir`: the project is found from this module's place. */
function definitionModuleFrom(dir: string): string {
  let root = __dirname;
  while (!fs.existsSync(path.join(root, "stacks", "platform", "definition.ts"))) {
    const parent = path.dirname(root);
    if (parent === root) throw new AdoptError("cannot find stacks/platform/definition.ts above the adopt module");
    root = parent;
  }
  const relative = path
    .relative(dir, path.join(root, "stacks", "platform", "definition"))
    .split(path.sep)
    .join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}
