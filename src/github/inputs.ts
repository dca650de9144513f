/**
 * The Action's inputs: one table, so that adding an input is one line here and one in action.yml
 * (a test keeps the two in step). Values come from the runner's `INPUT_<NAME>` variables.
 */
import * as core from "@actions/core";
import { FAIL_ON_VALUES, type FailOn, type GateOn } from "../output/gate";

export type UploadMode = "auto" | "true" | "false";
export const UPLOAD_MODES: readonly UploadMode[] = ["auto", "true", "false"];

/** A bad input value: the step fails with this message before scanning. */
export class InputError extends Error {}

type Get = (name: string) => string;

/** Reads one input; `get` returns "" for an unset input, as core.getInput does. */
interface InputSpec<T> {
  default: string;
  parse(value: string, name: string): T;
}

const text = (def: string): InputSpec<string> => ({ default: def, parse: (v) => v });

function choice<T extends string>(values: readonly T[], def: T): InputSpec<T> {
  return {
    default: def,
    parse(value, name) {
      const v = value.toLowerCase();
      if ((values as readonly string[]).includes(v)) return v as T;
      throw new InputError(`input "${name}" must be one of ${values.join(", ")}, not "${value}"`);
    },
  };
}

function bool(def: boolean): InputSpec<boolean> {
  return {
    default: String(def),
    parse(value, name) {
      // The YAML 1.2 core schema's booleans, as core.getBooleanInput accepts them.
      if (["true", "True", "TRUE"].includes(value)) return true;
      if (["false", "False", "FALSE"].includes(value)) return false;
      throw new InputError(`input "${name}" must be true or false, not "${value}"`);
    },
  };
}

/** An optional input that, when given, must match `re`; `what` says what it must be. */
function pattern(re: RegExp, what: string): InputSpec<string> {
  return {
    default: "",
    parse(value, name) {
      if (value === "" || re.test(value)) return value;
      throw new InputError(`input "${name}" must be ${what}, not "${value}"`);
    },
  };
}

/** Every input, its default (the same as action.yml's) and how it is checked. */
export const INPUTS = {
  path: text("."),
  "fail-on": choice<FailOn>(FAIL_ON_VALUES, "high"),
  "sarif-file": text("upstash-scan.sarif"),
  upload: choice<UploadMode>(UPLOAD_MODES, "auto"),
  // Empty: derived from the workflow, job, matrix values and path (see category.ts).
  category: text(""),
  // action.yml defaults this to ${{ github.token }}; outside a workflow there is none.
  token: text(""),
  config: text(""),
  "wait-for-processing": bool(true),
  "gate-on": choice<GateOn>(["all", "new"], "all"),
  baseline: text(""),
  "scan-history": bool(false),
  verify: bool(false),
  ref: pattern(
    /^refs\/(heads|tags)\/[^\s~^:?*[\\]+$|^refs\/pull\/\d+\/(merge|head)$/,
    "a full ref: refs/heads/<branch>, refs/tags/<tag>, refs/pull/<number>/merge or refs/pull/<number>/head",
  ),
  sha: pattern(
    /^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/,
    "a full commit SHA (40 hexadecimal digits, 64 in SHA-256 repositories)",
  ),
  "checkout-path": text(""),
  comment: bool(false),
  // action.yml defaults this to ${{ toJson(matrix) }}; read only for the default category.
  matrix: text(""),
  suggest: bool(false),
} satisfies Record<string, InputSpec<unknown>>;

export type InputName = keyof typeof INPUTS;
export type ActionInputs = { [K in InputName]: ReturnType<(typeof INPUTS)[K]["parse"]> };

/** All inputs, validated. Throws InputError naming the first bad one. */
export function readInputs(get: Get = (name) => core.getInput(name)): ActionInputs {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(INPUTS) as Array<[InputName, InputSpec<unknown>]>) {
    const raw = get(name).trim();
    out[name] = spec.parse(raw === "" ? spec.default : raw, name);
  }
  const inputs = out as ActionInputs;
  // As codeql-action's upload-sarif: a ref without its commit (or the reverse) cannot be uploaded.
  if (Boolean(inputs.ref) !== Boolean(inputs.sha))
    throw new InputError(
      `inputs "ref" and "sha" go together: ${inputs.ref ? `"ref" is ${inputs.ref} but "sha" is empty` : `"sha" is ${inputs.sha} but "ref" is empty`}`,
    );
  inputs.sha = inputs.sha.toLowerCase();
  return inputs;
}
