/**
 * A function body reduced to what signature verification depends on: calls that may verify, side
 * effects, branches with what their conditions read, try/catch, loops and exits. Plain JSON, so a
 * file's functions can be judged in the project phase, once helpers in other modules are known.
 */
import type { Location } from "../../../engine/types";

export type CondCategory = "env" | "header" | "method" | "other";

export type ExitValue = "true" | "false" | "nullish" | "response" | "other";

export interface Cond {
  /** What the condition depends on: the environment, the signature header, the HTTP method, … */
  cat: CondCategory;
  at: Location;
  /** Identifiers the condition reads (flags set by verification). */
  refs: string[];
  /** Ids of candidate verification calls inside the condition. */
  calls: number[];
  /** `!x` → true, `x` → false, anything more complex → null. */
  negated: boolean | null;
  /** The condition checks another credential (API key, bearer secret, HMAC): "pos" = true when authorised. */
  auth: "pos" | "neg" | null;
  /** Short source text, for messages. */
  text: string;
  /** An environment test in words, when true and when false ("NODE_ENV is not "production""). */
  holds?: string;
  fails?: string;
}

/** What a call that may verify refers to. */
export type CallRef =
  /** `receiver.verify({ signature, body })`: async, throws on failure. */
  | { k: "receiver" }
  /** A hand-written JWT check of the Upstash-Signature header (jose is async, jsonwebtoken sync). */
  | { k: "jwt"; sync: boolean }
  /** An SDK helper that verifies (verifySignature*, workflow serve) used inside a function. */
  | { k: "sdk" }
  /** `verifySignature*(req)` called as if it checked the request: it returns a wrapper, always truthy. */
  | { k: "sdk-misuse"; name: string }
  /** A top-level function of the same file. */
  | { k: "local"; name: string }
  /** A function imported from another module (resolved in the project phase). */
  | { k: "import"; spec: string; name: string };

export type Ev =
  | {
      t: "call";
      id: number;
      ref: CallRef;
      /** Awaited, returned, or `.then`-chained. */
      awaited: boolean;
      /** `.catch(() => false)`: a failure becomes a value instead of an exception. */
      swallow: boolean;
      /** `const ok = await …`: the variable that holds the result. */
      resultVar?: string;
      /** Would be a side effect if the callee does not verify. */
      effect: boolean;
      at: Location;
      name: string;
    }
  | { t: "effect"; at: Location; what: string }
  | { t: "decl"; name: string; falsy: boolean }
  | { t: "assign"; name: string }
  /**
   * `value` is what a return hands back: helpers signal failure either with `false` (then `true` means
   * verified) or with an error Response (then `null`/nothing means verified).
   */
  | { t: "exit"; kind: "throw" | "fail" | "pass"; value?: ExitValue; at: Location }
  | { t: "if"; cond: Cond; then: Ev[]; else: Ev[] }
  | { t: "try"; body: Ev[]; handler: Ev[] | null; catchAt: Location | null; fin: Ev[] }
  | { t: "loop"; body: Ev[] }
  | { t: "then"; call: number; body: Ev[] };

export interface FnIR {
  name: string;
  async: boolean;
  body: Ev[];
  at: Location;
  /** The function a higher-order wrapper returns (`withQstash(handler)` → the request handler). */
  inner?: FnIR;
}

/** How a handler expression is built: a function, a reference, or a wrapper call around others. */
export type HExpr =
  | { t: "fn"; fn: FnIR }
  | { t: "ref"; ref: Extract<CallRef, { k: "local" } | { k: "import" }> }
  | { t: "wrap"; callee: WrapCallee; args: HExpr[]; at: Location }
  /** `cond ? verifySignatureAppRouter(handler) : handler`: which handler is exported depends on cond. */
  | { t: "choice"; cond: Cond; a: HExpr; b: HExpr }
  | { t: "unknown" };

export type WrapCallee =
  | { k: "sdk-verify"; name: string }
  /** @upstash/workflow serve(): verifies unless `receiver` is turned off. */
  | { k: "serve"; receiver: "default" | "none" | Cond; at: Location }
  | { k: "local"; name: string }
  | { k: "import"; spec: string; name: string }
  | { k: "unknown"; name: string };

/** Every candidate call in a list of events, depth first. */
export function* callsOf(evs: readonly Ev[]): Generator<Extract<Ev, { t: "call" }>> {
  for (const e of evs) {
    if (e.t === "call") yield e;
    else if (e.t === "if") {
      yield* callsOf(e.then);
      yield* callsOf(e.else);
    } else if (e.t === "try") {
      yield* callsOf(e.body);
      if (e.handler) yield* callsOf(e.handler);
      yield* callsOf(e.fin);
    } else if (e.t === "loop" || e.t === "then") yield* callsOf(e.body);
  }
}
