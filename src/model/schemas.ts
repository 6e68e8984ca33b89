import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { error, type Diagnostic } from './diagnostics.js';
import { didYouMean } from './suggest.js';
import { withoutUserinfo } from './rules/instance-config.js';
import { ajvWithSchemas, readSchemaFiles, schemasDigest, type SchemaFile } from './schema-compiler.js';
import type { PathSegment, YamlFile } from './yaml-file.js';

/** The schemas zdctl ships with; a repository's own `schemas/` folder is for editors. */
export const SHIPPED_SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** Validators for the shipped schemas, compiled to code by the build (scripts/compile-schemas.mjs). */
export const PRECOMPILED_VALIDATORS = fileURLToPath(new URL('./schema-validators.cjs', import.meta.url));

type Validators = (schemaFile: string) => ValidateFunction | undefined;

export class SchemaSet {
  private readonly validatorOf: Validators;
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Identifies the schema texts (a verdict kept in the parse cache holds for these only). */
  readonly digest: string;

  constructor(private readonly dir: string = SHIPPED_SCHEMAS_DIR) {
    const files = readSchemaFiles(dir);
    this.digest = schemasDigest(files);
    this.validatorOf = precompiledFor(files, this.digest) ?? compileOnDemand(files);
  }

  /** Validates a parsed file against one schema and turns ajv's errors into positioned diagnostics. */
  check(schemaFile: string, yaml: YamlFile, address?: string): Diagnostic[] {
    const validate = this.validator(schemaFile);
    if (validate(yaml.value)) return [];
    return explain(validate.errors ?? [], yaml, schemaFile, address);
  }

  private validator(schemaFile: string): ValidateFunction {
    let validate = this.compiled.get(schemaFile);
    if (!validate) {
      validate = this.validatorOf(schemaFile);
      if (!validate) throw new Error(`schema ${schemaFile} is not in ${this.dir}`);
      this.compiled.set(schemaFile, validate);
    }
    return validate;
  }
}

/** The build's validators, if they were built from exactly these schema texts. */
function precompiledFor(files: readonly SchemaFile[], digest: string): Validators | undefined {
  if (!existsSync(PRECOMPILED_VALIDATORS)) return undefined;
  let module: Record<string, ValidateFunction> & { schemasDigest?: string };
  try {
    module = createRequire(import.meta.url)(PRECOMPILED_VALIDATORS) as typeof module;
  } catch {
    return undefined; // a build interrupted while writing it: compile instead
  }
  if (module.schemasDigest !== digest) return undefined;
  return (schemaFile) => (files.some((f) => f.name === schemaFile) ? module[schemaFile] : undefined);
}

function compileOnDemand(files: readonly SchemaFile[]): Validators {
  let ajv: ReturnType<typeof ajvWithSchemas> | undefined;
  return (schemaFile) => (ajv ??= ajvWithSchemas(files)).getSchema(schemaFile);
}

function pathOf(instancePath: string): PathSegment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * ajv reports every branch of a oneOf/anyOf; a person wants the few that say what to fix.
 * Keep the errors at the deepest paths, drop the branch summaries, one diagnostic per path and keyword.
 */
function explain(errors: ErrorObject[], yaml: YamlFile, schemaFile: string, address?: string): Diagnostic[] {
  // `not` only marks a branch that leaves a shape to another one (data objects: not a {file:}); that branch explains.
  const meaningful = errors.filter((e) => !['anyOf', 'oneOf', 'if', 'allOf', 'not'].includes(e.keyword));
  const pool = meaningful.length > 0 ? meaningful : errors;
  // An unknown or missing key of an object is its own error, not a summary of its children's:
  // keep it even when something deeper is wrong too, so one run reports both.
  const ownKeyError = (e: ErrorObject) => ['required', 'additionalProperties', 'unevaluatedProperties'].includes(e.keyword) && !/\/(anyOf|oneOf)\//.test(e.schemaPath);
  const deepest = pool.filter((e) => ownKeyError(e) || !pool.some((other) => other !== e && other.instancePath.startsWith(`${e.instancePath}/`)));
  const diagnostics: Diagnostic[] = [];
  for (const group of groupByPath(deepest)) {
    const seen = new Set<string>();
    for (const e of alternativesAtOnePlace(group)) {
      const id = `${e.keyword}|${JSON.stringify(e.params)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      diagnostics.push(toDiagnostic(e, yaml, schemaFile, address));
    }
  }
  return diagnostics;
}

function groupByPath(errors: ErrorObject[]): ErrorObject[][] {
  const groups = new Map<string, ErrorObject[]>();
  for (const e of errors) groups.set(e.instancePath, [...(groups.get(e.instancePath) ?? []), e]);
  return [...groups.values()];
}

/**
 * At one value, each branch of an anyOf reports its own failure. A branch whose type did not
 * match says nothing useful; a branch that got past the type check says what is wrong with the
 * value (an unknown key, a bad pattern): keep those. If no branch matched the type, one error
 * lists the types that would do.
 */
function alternativesAtOnePlace(group: ErrorObject[]): ErrorObject[] {
  const branchOf = (e: ErrorObject) => e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/'));
  const typeErrors = group.filter((e) => e.keyword === 'type');
  const wrongType = new Set(typeErrors.map(branchOf));
  const others = group.filter((e) => e.keyword !== 'type' && !wrongType.has(branchOf(e)));
  if (others.length > 0) return others;
  if (typeErrors.length <= 1) return typeErrors.length ? typeErrors : group;
  const types = [...new Set(typeErrors.map((e) => String((e.params as { type: unknown }).type)))];
  return [{ ...typeErrors[0]!, params: { type: types.join(', ') }, message: `must be ${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}` }];
}

function toDiagnostic(e: ErrorObject, yaml: YamlFile, schemaFile: string, address?: string): Diagnostic {
  const path = pathOf(e.instancePath);
  const where = path.length ? path.join('.') : 'the file';
  const extra = { address, detail: undefined as string | undefined };
  switch (e.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String((e.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ?? (e.params as { unevaluatedProperty?: string }).unevaluatedProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
      const close = didYouMean(key, allowed, 1);
      return error('schema', `unknown key "${key}" in ${where}`, {
        ...extra,
        detail: readOnlyAdvice(key) ?? (close.length > 0 ? `did you mean "${close[0]}"?` : `${schemaFile} does not allow it; check the spelling`),
        source: yaml.locateKey([...path, key]),
      });
    }
    case 'required':
      return error('schema', `${where} is missing "${(e.params as { missingProperty: string }).missingProperty}"`, { ...extra, source: yaml.locate(path) });
    case 'enum': {
      const allowedValues = (e.params as { allowedValues: unknown[] }).allowedValues ?? [];
      const close = typeof e.data === 'string' ? didYouMean(e.data, allowedValues.map(String), 2) : [];
      return error('schema', `${where} must be one of: ${allowedValues.map((v) => JSON.stringify(v)).join(', ')}`, {
        ...extra,
        ...(close.length > 0 ? { detail: `did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` } : {}),
        source: yaml.locate(path),
      });
    }
    case 'pattern':
    case 'format': {
      // A `*_env` key names an environment variable; anything else written there may be the secret itself.
      const namesVariable = String(path.at(-1) ?? '').endsWith('_env');
      const text = typeof e.data === 'string' && !namesVariable ? withoutUserinfo(e.data) : undefined;
      const shown = text !== undefined ? ` "${text.length > 80 ? `${text.slice(0, 80)}…` : text}"` : '';
      if (namesVariable) {
        const detail = 'write the name of an environment variable (upper case, e.g. HOOK_TOKEN) and set the secret in it; the value written here is not shown, since it may be the secret (rotate it if it was)';
        return error('schema', `${where} must name an environment variable`, { ...extra, detail, source: yaml.locate(path) });
      }
      const { description: described, examples = [] } = (e.parentSchema ?? {}) as { description?: string; examples?: unknown[] };
      // An open set (an operator Zendesk may add) lists the known values as examples: the closest is the likely intent.
      const close = text !== undefined ? didYouMean(text, examples.filter((x): x is string => typeof x === 'string'), 2) : [];
      const suggestion = close.length > 0 ? `did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : undefined;
      return error('schema', `${where}${shown} is not allowed here`, { ...extra, detail: suggestion ?? described ?? e.message, source: yaml.locate(path) });
    }
    default:
      return error('schema', `${where} ${e.message ?? 'is not valid'}`, { ...extra, detail: e.message, source: yaml.locate(path) });
  }
}

const READ_ONLY_KEYS = new Set(['id', 'url', 'created_at', 'updated_at', 'position', 'execution', 'removable', 'system']);

function readOnlyAdvice(key: string): string | undefined {
  if (key === 'position') return 'positions come from _order.yaml, not from the object file';
  if (READ_ONLY_KEYS.has(key) || key.startsWith('raw_')) return `"${key}" is set by Zendesk and read-only; remove it from the file`;
  return undefined;
}
