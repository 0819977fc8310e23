/**
 * Offline conformance check of one synthesized Terraform JSON configuration against the vendored alicloud
 * provider schema and constraints: resources, data sources and provider blocks, their attributes and blocks.
 */
import { validateRelations } from "./argument-relations";
import { didYouMean } from "./name-suggestions";
import {
  ConstraintsFile,
  Finding,
  Limits,
  ProviderSchema,
  ProviderSchemaFile,
  SchemaAttribute,
  SchemaBlock,
  SchemaBlockType,
  TypeConstraints,
  ValidateOptions,
} from "./schema-model";
import {
  COMMENT_KEY,
  Context,
  DATA_META_ARGUMENTS,
  GO_DURATION,
  JsonObject,
  PROVIDER_META_ARGUMENTS,
  RESOURCE_META_ARGUMENTS,
  alicloudLocalName,
  compareFindings,
  isInterpolation,
  isObject,
  isSetValue,
  joinConstraintPath,
  joinPath,
  objectsOf,
  pickProviderSchema,
  renderKind,
  renderLimits,
  renderValue,
  report,
} from "./validation-context";
import { checkConstraints, checkType } from "./value-constraints";
/**
 * Checks one `cdk.tf.json`-shaped configuration: provider blocks of the alicloud provider, and every
 * `alicloud_*` resource and data source. Other providers' types are not checked (their schemas are not vendored).
 * Returns findings sorted by stack, address and path.
 */
export function validateTerraformJson(
  config: unknown,
  stackName: string,
  schema: ProviderSchemaFile | ProviderSchema,
  constraints: ConstraintsFile,
  options: ValidateOptions = {},
): Finding[] {
  const providerSchema = pickProviderSchema(schema);
  const env = options.env ?? {};
  const skipSkippable = options.skipResourceSchemaValidation ?? env.TF_SKIP_RESOURCE_SCHEMA_VALIDATION === "true";
  const findings: Finding[] = [];
  if (!isObject(config)) {
    findings.push({
      stack: stackName,
      address: "",
      path: "",
      rule: "type",
      severity: "error",
      message: `configuration must be a JSON object, got ${renderKind(config)}`,
    });
    return findings;
  }
  const newContext = (address: string, what: string, typeConstraints: TypeConstraints, root: JsonObject): Context => ({
    stack: stackName,
    address,
    what,
    constraints: typeConstraints,
    root,
    env,
    skipSkippable,
    findings,
    reported: new Set(),
  });

  const local = alicloudLocalName(config);
  for (const providers of objectsOf(config.provider)) {
    const list = providers[local];
    const bodies = Array.isArray(list) ? list : [list];
    bodies.forEach((body, index) => {
      if (!isSetValue(body)) return;
      const ctx = newContext(`provider.${local}[${index}]`, `provider "${local}"`, constraints.provider ?? {}, {});
      if (!isObject(body)) {
        report(ctx, "", "type", `a provider block must be an object, got ${renderKind(body)}`);
        return;
      }
      validateBody({ ...ctx, root: body }, providerSchema.provider.block, body, "", "", PROVIDER_META_ARGUMENTS);
    });
  }

  const sections = [
    { key: "resource", prefix: "", kind: "resource", schemas: providerSchema.resource_schemas },
    { key: "data", prefix: "data.", kind: "data source", schemas: providerSchema.data_source_schemas },
  ] as const;
  for (const section of sections) {
    const typeConstraintsOf =
      section.key === "resource" ? constraints.resource_schemas : constraints.data_source_schemas;
    const metaArguments = section.key === "resource" ? RESOURCE_META_ARGUMENTS : DATA_META_ARGUMENTS;
    for (const byType of objectsOf(config[section.key])) {
      for (const [typeName, byName] of Object.entries(byType)) {
        if (typeName === COMMENT_KEY || !typeName.startsWith(`${local}_`)) continue;
        const typeSchema = section.schemas[typeName];
        for (const named of objectsOf(byName)) {
          for (const [name, value] of Object.entries(named)) {
            if (name === COMMENT_KEY) continue;
            const address = `${section.prefix}${typeName}.${name}`;
            const typeConstraints = typeConstraintsOf?.[typeName] ?? {};
            const ctx = newContext(address, typeName, typeConstraints, {});
            if (typeSchema === undefined) {
              const hint = didYouMean(typeName, Object.keys(section.schemas));
              report(
                ctx,
                "",
                "unknown-resource-type",
                `${section.kind} type "${typeName}" is not in the vendored aliyun/alicloud schema${hint}`,
              );
              continue;
            }
            const resourceFacts = typeConstraints.__resource__;
            if (resourceFacts?.deprecated) {
              report(
                ctx,
                "",
                "deprecated",
                `${section.kind} type "${typeName}" is deprecated: ${resourceFacts.deprecated}`,
                "warning",
              );
            }
            for (const body of Array.isArray(value) ? value : [value]) {
              if (!isObject(body)) {
                report(ctx, "", "type", `a ${section.kind} body must be an object, got ${renderKind(body)}`);
                continue;
              }
              validateBody({ ...ctx, root: body, reported: new Set() }, typeSchema.block, body, "", "", metaArguments);
            }
          }
        }
      }
    }
  }
  return findings.sort(compareFindings);
}

/**
 * Checks one block body against its schema block. `pathText` is the display path of the body (with indexes),
 * `constraintPath` the dotted constraints key prefix (without indexes). `metaArguments` is non-empty only at the top.
 */
function validateBody(
  ctx: Context,
  block: SchemaBlock,
  body: JsonObject,
  pathText: string,
  constraintPath: string,
  metaArguments: ReadonlySet<string>,
): void {
  const attributes = block.attributes ?? {};
  const blockTypes = block.block_types ?? {};
  const knownNames = [...Object.keys(attributes), ...Object.keys(blockTypes)];
  const isTimeouts = constraintPath === "timeouts" && metaArguments.size === 0;
  // Blocks written through cdktf's `dynamic` form; their count is only known at plan time.
  const dynamicBlocks = new Set<string>();

  for (const [name, value] of Object.entries(body)) {
    if (name === COMMENT_KEY || metaArguments.has(name)) continue;
    const valuePath = joinPath(pathText, name);
    const attribute = attributes[name];
    const blockType = blockTypes[name];
    if (attribute !== undefined) {
      validateAttribute(ctx, name, attribute, value, valuePath, joinConstraintPath(constraintPath, name), isTimeouts);
    } else if (blockType !== undefined) {
      validateBlock(ctx, name, blockType, value, valuePath, joinConstraintPath(constraintPath, name));
    } else if (name === "dynamic" && isObject(value)) {
      validateDynamic(ctx, blockTypes, value, valuePath, constraintPath, dynamicBlocks);
    } else if (name === "timeouts" && pathText === "" && metaArguments.size > 0) {
      report(
        ctx,
        valuePath,
        "unknown-block",
        `${ctx.what} declares no timeouts, so a "timeouts" block is not accepted`,
      );
    } else {
      const looksLikeBlock = isObject(value) || (Array.isArray(value) && value.length > 0 && value.every(isObject));
      const kind = looksLikeBlock ? "block" : "attribute";
      const inBlock = pathText === "" ? "" : ` block ${pathText}`;
      report(
        ctx,
        valuePath,
        looksLikeBlock ? "unknown-block" : "unknown-attribute",
        `unknown ${kind} "${name}" in ${ctx.what}${inBlock}${didYouMean(name, knownNames)}`,
      );
    }
  }

  for (const [name, attribute] of Object.entries(attributes)) {
    if (!attribute.required || isSetValue(body[name])) continue;
    const c = ctx.constraints[joinConstraintPath(constraintPath, name)] ?? {};
    const envNames = c.env ?? [];
    if (envNames.some((v) => (ctx.env[v] ?? "") !== "")) continue;
    const envHint = envNames.length > 0 ? ` (or set one of the environment variables ${envNames.join(", ")})` : "";
    report(ctx, joinPath(pathText, name), "missing-required", `required attribute "${name}" is not set${envHint}`);
  }
  for (const [name, blockType] of Object.entries(blockTypes)) {
    const min = blockType.min_items ?? 0;
    if (min > 0 && !isSetValue(body[name]) && !dynamicBlocks.has(name)) {
      const count = min === 1 ? "at least one" : `at least ${min}`;
      report(ctx, joinPath(pathText, name), "missing-required", `required block "${name}" is missing: ${count} needed`);
    }
  }

  validateRelations(ctx, block, body, pathText, constraintPath, dynamicBlocks);
}

function validateAttribute(
  ctx: Context,
  name: string,
  attribute: SchemaAttribute,
  value: unknown,
  valuePath: string,
  constraintPath: string,
  isTimeouts: boolean,
): void {
  if (!isSetValue(value)) return; // null means "not set" in Terraform
  const c = ctx.constraints[constraintPath] ?? {};
  if (attribute.computed && !attribute.optional && !attribute.required) {
    const why = c.removed ? ` (${c.removed})` : "";
    report(
      ctx,
      valuePath,
      "computed-only",
      `attribute "${name}" is computed by the provider and cannot be set (value ${renderValue(value)})${why}`,
    );
    return;
  }
  if (attribute.deprecated || c.deprecated) {
    const why = c.deprecated ? `: ${c.deprecated}` : "";
    report(ctx, valuePath, "deprecated", `attribute "${name}" is deprecated${why}`, "warning");
  }
  if (!checkType(ctx, value, attribute.type, valuePath)) return;
  checkConstraints(ctx, name, c, value, attribute.type, valuePath);
  if (isTimeouts && typeof value === "string" && !isInterpolation(value) && !GO_DURATION.test(value)) {
    report(
      ctx,
      valuePath,
      "pattern",
      `value ${renderValue(value)} of timeouts.${name} is not a valid duration; write one like "10m" or "1h30m"`,
    );
  }
}

/** Reports a type mismatch and returns false, or returns true when `value` fits `type` (as Terraform converts). */
function validateBlock(
  ctx: Context,
  name: string,
  blockType: SchemaBlockType,
  value: unknown,
  valuePath: string,
  constraintPath: string,
): void {
  if (!isSetValue(value) || isInterpolation(value)) return;
  const instances: [string, unknown][] = [];
  if (blockType.nesting_mode === "map") {
    if (!isObject(value)) {
      report(ctx, valuePath, "type", `block "${name}" must be an object keyed by label, got ${renderKind(value)}`);
      return;
    }
    for (const [label, body] of Object.entries(value)) {
      if (label !== COMMENT_KEY) instances.push([joinPath(valuePath, label), body]);
    }
  } else if (Array.isArray(value)) {
    value.forEach((body, i) => instances.push([`${valuePath}[${i}]`, body]));
  } else if (isObject(value)) {
    instances.push([valuePath, value]);
  } else {
    report(
      ctx,
      valuePath,
      "type",
      `block "${name}" must be an object or an array of objects, got ${renderKind(value)}`,
    );
    return;
  }

  if (blockType.block.deprecated) report(ctx, valuePath, "deprecated", `block "${name}" is deprecated`, "warning");

  const single = blockType.nesting_mode === "single" || blockType.nesting_mode === "group";
  const min = blockType.min_items ?? 0;
  const max = single ? 1 : blockType.max_items;
  const count = instances.length;
  if ((count < min && count > 0) || (min > 0 && count === 0) || (max !== undefined && count > max)) {
    const limits: Limits = [min > 0 ? min : null, max ?? null];
    report(
      ctx,
      valuePath,
      "block-count",
      `block "${name}" appears ${count} times; it must appear ${renderLimits(limits, " times")}`,
    );
  }

  for (const [instancePath, body] of instances) {
    if (isInterpolation(body)) continue;
    if (!isObject(body)) {
      report(ctx, instancePath, "type", `each "${name}" block must be an object, got ${renderKind(body)}`);
      continue;
    }
    validateBody(ctx, blockType.block, body, instancePath, constraintPath, new Set());
  }
}

/** cdktf writes iterator-driven blocks as `dynamic: {<block>: {for_each, iterator, content}}`. */
function validateDynamic(
  ctx: Context,
  blockTypes: { readonly [name: string]: SchemaBlockType },
  value: JsonObject,
  valuePath: string,
  constraintPath: string,
  dynamicBlocks: Set<string>,
): void {
  for (const [name, spec] of Object.entries(value)) {
    if (name === COMMENT_KEY) continue;
    const blockType = blockTypes[name];
    const specPath = joinPath(valuePath, name);
    if (blockType === undefined) {
      report(
        ctx,
        specPath,
        "unknown-block",
        `unknown dynamic block "${name}" in ${ctx.what}${didYouMean(name, Object.keys(blockTypes))}`,
      );
      continue;
    }
    dynamicBlocks.add(name);
    for (const entry of objectsOf(spec)) {
      if (isObject(entry.content)) {
        validateBody(
          ctx,
          blockType.block,
          entry.content,
          joinPath(specPath, "content"),
          joinConstraintPath(constraintPath, name),
          new Set(),
        );
      }
    }
  }
}
