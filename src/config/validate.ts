/**
 * Checks configuration data against the published JSON Schema (upstash-scan.schema.json) by reading
 * the schema itself, without compiling it at run time (compiling it with ajv cost a quarter to half a
 * second on every scan with a configuration file). It knows the keywords that schema uses and refuses
 * any other, so the schema cannot grow a rule this check would silently skip; its errors have the same
 * shape and messages as ajv's, which a test verifies on generated configurations.
 */

export interface SchemaError {
  /** JSON Pointer to the offending value ("" for the top level). */
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

type Schema = Record<string, unknown>;

/** Keywords with no effect on validity. */
const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "definitions"]);
const KNOWN = new Set([
  ...ANNOTATIONS,
  "$ref",
  "type",
  "properties",
  "additionalProperties",
  "enum",
  "items",
  "minLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
]);

/** Every error of `data` against `root` (all of them, as ajv's allErrors gives). */
export function validateSchema(root: Schema, data: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  check(root, root, data, "", errors, 0);
  return errors;
}

function check(root: Schema, schema: Schema, data: unknown, at: string, errors: SchemaError[], depth: number): void {
  if (depth > 64) throw new Error("schema $ref chain too deep");
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`unsupported schema keyword "${key}"`);
  const fail = (keyword: string, params: Record<string, unknown>, message: string) =>
    errors.push({ instancePath: at, keyword, params, message });
  if (typeof schema.$ref === "string") {
    check(root, resolveRef(root, schema.$ref), data, at, errors, depth + 1);
    return;
  }
  const type = schema.type as string | undefined;
  if (type && !hasType(data, type)) {
    fail("type", { type }, `must be ${type}`);
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => v === data))
    fail("enum", { allowedValues: schema.enum }, "must be equal to one of the allowed values");
  if (typeof data === "string") {
    if (typeof schema.minLength === "number" && [...data].length < schema.minLength)
      fail("minLength", { limit: schema.minLength }, `must NOT have fewer than ${schema.minLength} characters`);
    // The schema's own patterns (anchored alternations), as ajv runs them.
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(data))
      fail("pattern", { pattern: schema.pattern }, `must match pattern "${schema.pattern}"`);
  }
  if (typeof data === "number") {
    if (typeof schema.minimum === "number" && !(data >= schema.minimum))
      fail("minimum", { comparison: ">=", limit: schema.minimum }, `must be >= ${schema.minimum}`);
    if (typeof schema.maximum === "number" && !(data <= schema.maximum))
      fail("maximum", { comparison: "<=", limit: schema.maximum }, `must be <= ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === "number" && !(data > schema.exclusiveMinimum))
      fail(
        "exclusiveMinimum",
        { comparison: ">", limit: schema.exclusiveMinimum },
        `must be > ${schema.exclusiveMinimum}`,
      );
  }
  if (Array.isArray(data) && schema.items && typeof schema.items === "object") {
    data.forEach((item, i) => check(root, schema.items as Schema, item, `${at}/${i}`, errors, depth + 1));
  }
  if (isObject(data)) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const additional = schema.additionalProperties;
    for (const [key, value] of Object.entries(data)) {
      const child = `${at}/${escapePointer(key)}`;
      if (Object.hasOwn(properties, key)) check(root, properties[key]!, value, child, errors, depth + 1);
      else if (additional === false)
        fail("additionalProperties", { additionalProperty: key }, "must NOT have additional properties");
      else if (additional && typeof additional === "object")
        check(root, additional as Schema, value, child, errors, depth + 1);
    }
  }
}

function hasType(data: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return isObject(data);
    case "array":
      return Array.isArray(data);
    case "string":
      return typeof data === "string";
    case "boolean":
      return typeof data === "boolean";
    case "number":
      return typeof data === "number" && Number.isFinite(data);
    case "integer":
      return Number.isInteger(data);
    default:
      throw new Error(`unsupported schema type "${type}"`);
  }
}

function isObject(data: unknown): data is Record<string, unknown> {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith("#/")) throw new Error(`unsupported $ref "${ref}"`);
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) ? node[key] : undefined;
    if (node === undefined) throw new Error(`unresolvable $ref "${ref}"`);
  }
  return node as Schema;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
