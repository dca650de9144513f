/**
 * Walks a function's IR along every path and asks, at each side effect: has the Upstash signature been
 * verified on every way here? A path is verified after an awaited verification that throws on failure,
 * after a checked result of one that returns a value, or inside a branch that another credential
 * (an internal API key) authorises. Where it is not, the reason names the check: a dropped Promise, a
 * catch that swallows the failure, a branch that skips verification (by environment, header or
 * method), or no verification before the effect at all.
 */
import type { Confidence, Location } from "../../../engine/types";
import { callsOf, type CallRef, type Cond, type Ev, type ExitValue, type FnIR } from "./ir";

/** How a callee that verifies reports failure to its caller. */
export interface Summary {
  /** "throws": failure aborts the caller; "value": the caller must check the result. */
  kind: "throws" | "value";
  /** The callee returns a Promise: without `await` its verdict is lost. */
  async: boolean;
  /** Name for messages. */
  name: string;
  /** It verifies the QStash signature (not only another credential such as a cron secret). */
  qstash: boolean;
  /** A verifySignature* helper called with the request: it builds a handler and checks nothing. */
  misuse?: boolean;
}

export type Check =
  "verify-not-awaited" | "verify-optional" | "verify-error-swallowed" | "verify-skipped-by-environment";

export interface Issue {
  check: Check;
  at: Location;
  message: string;
  related: Location[];
  confidence: Confidence;
}

type Why =
  | { k: "none" }
  | { k: "not-awaited"; at: Location }
  | { k: "swallowed"; at: Location; verifyAt: Location }
  | { k: "unchecked"; at: Location; name: string }
  /** `skippedWhen`: whether the unverified branch runs when the condition holds or when it fails. */
  | { k: "branch"; cond: Cond; skippedWhen: "holds" | "fails" };

interface State {
  v: boolean;
  why: Why;
  /** Variables that can only be truthy on this path if verification passed. */
  flags: Set<string>;
  /** Value-returning verification calls whose result has not been checked yet. */
  pending: Set<number>;
}

export interface Unverified {
  at: Location;
  what: string;
  /** "none": no verification anywhere; "ordering": verification only after this effect. */
  kind: "none" | "ordering";
}

export interface RunResult {
  /** The function calls something that verifies (on some path). */
  attempted: boolean;
  issues: Issue[];
  /** The first side effect reached without verification for a reason that is not a weakness. */
  firstUnverified?: Unverified;
  /** An exit lets the caller continue unverified (helpers: `if (dev) return;`). */
  passesUnverified: boolean;
  /** Some exit returns a value on an unverified path (the caller must check it). */
  failsWithValue: boolean;
  verifyAt?: Location;
  /** Some path is authorised by another credential check (an API key, a cron secret). */
  authenticated: boolean;
}

const NONE: Why = { k: "none" };

function clone(s: State): State {
  return { v: s.v, why: s.why, flags: new Set(s.flags), pending: new Set(s.pending) };
}

function verified(): State {
  return { v: true, why: NONE, flags: new Set(), pending: new Set() };
}

function intersect<T>(a: Set<T>, b: Set<T>): Set<T> {
  return new Set([...a].filter((x) => b.has(x)));
}

function line(l: Location): number {
  return l.range.startLine;
}

function quote(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return "`" + (t.length > 80 ? t.slice(0, 77) + "…" : t) + "`";
}

export class Interpreter {
  constructor(private readonly resolve: (ref: CallRef) => Summary | undefined) {}

  /**
   * Run a function. `asHelper`: its exits hand control back to a caller that goes on, so an exit on an
   * unverified path is a weakness too.
   */
  run(fn: FnIR, asHelper: boolean): RunResult {
    const out: RunResult = {
      attempted: false,
      issues: [],
      passesUnverified: false,
      failsWithValue: false,
      authenticated: false,
    };
    const summaries = new Map<number, Summary | undefined>();
    for (const c of callsOf(fn.body)) {
      const s = this.resolve(c.ref);
      summaries.set(c.id, s);
      if (s?.qstash) {
        out.attempted = true;
        out.verifyAt ??= c.at;
      } else if (s) out.authenticated = true;
    }
    const walker = new Walker(out, summaries, asHelper);
    const end = walker.exec(fn.body, { v: false, why: NONE, flags: new Set(), pending: new Set() }, []);
    if (end) walker.exit("pass", "nullish", end, [], fn.at);
    walker.judgeExits();
    return out;
  }
}

class Walker {
  private reportedEffect = false;
  private quiet = 0;

  constructor(
    private readonly out: RunResult,
    private readonly summaries: Map<number, Summary | undefined>,
    private readonly asHelper: boolean,
  ) {}

  exec(evs: readonly Ev[], st: State, conds: Cond[]): State | null {
    let cur: State | null = st;
    for (const e of evs) {
      if (!cur) return null;
      cur = this.step(e, cur, conds);
    }
    return cur;
  }

  private step(e: Ev, st: State, conds: Cond[]): State | null {
    switch (e.t) {
      case "call":
        return this.call(e, st, conds);
      case "effect":
        this.effect(e.at, e.what, st, conds);
        return st;
      case "decl":
        if (!st.v) {
          if (e.falsy) st.flags.add(e.name);
          else st.flags.delete(e.name);
        }
        return st;
      case "assign":
        if (!st.v) st.flags.delete(e.name);
        return st;
      case "exit":
        this.exit(e.kind, e.value ?? "other", st, conds, e.at);
        return null;
      case "if":
        return this.branch(e, st, conds);
      case "try":
        return this.tryStep(e, st, conds);
      case "loop": {
        const body = this.exec(e.body, clone(st), conds);
        return body ? merge(st, body, undefined) : st;
      }
      case "then":
        this.exec(e.body, verified(), conds);
        return st;
    }
  }

  /** A call that may verify: verified after it, or a weakness in how it is called. */
  private call(e: Extract<Ev, { t: "call" }>, st: State, conds: Cond[]): State {
    const s = this.summaries.get(e.id);
    if (!s) {
      if (e.effect) this.effect(e.at, `${e.name}()`, st, conds);
      return st;
    }
    if (s.misuse) {
      this.issue({
        check: "verify-not-awaited",
        at: e.at,
        confidence: "high",
        related: [],
        message: `${s.name}() is called with the request as if it checked it, but it wraps a handler: it returns a function (always truthy) and never looks at this request, so nothing is verified. Wrap the handler instead (\`export const POST = ${s.name}(handler)\`) or \`await receiver.verify({ signature, body })\`.`,
      });
      if (!st.v) st.why = { k: "not-awaited", at: e.at };
      return st;
    }
    if (s.async && !e.awaited && s.qstash) {
      this.issue({
        check: "verify-not-awaited",
        at: e.at,
        confidence: "high",
        related: [],
        message: `${s.name}() is not awaited: it returns a Promise, which is always truthy, and a failed check only becomes an unhandled rejection, so forged QStash messages are processed anyway. Write \`await ${s.name}(…)\` before doing any work and return 401 when it throws.`,
      });
      if (!st.v) st.why = { k: "not-awaited", at: e.at };
      return st;
    }
    if (e.swallow || s.kind === "value") {
      if (!st.v) {
        st.pending.add(e.id);
        if (e.resultVar) st.flags.add(e.resultVar);
        st.why = { k: "unchecked", at: e.at, name: s.name };
      }
      return st;
    }
    return verified();
  }

  private branch(e: Extract<Ev, { t: "if" }>, st: State, conds: Cond[]): State | null {
    const c = e.cond;
    const guard = !st.v && (c.calls.some((id) => st.pending.has(id)) || c.refs.some((r) => st.flags.has(r)));
    const auth = !st.v && c.auth !== null;
    let thenIn = clone(st);
    let elseIn = clone(st);
    // Which branch only runs when verification (or the other credential) succeeded.
    const failBranchIsThen = auth ? c.auth === "neg" : c.negated;
    if (guard || auth) {
      if (failBranchIsThen === true) elseIn = verified();
      else if (failBranchIsThen === false) thenIn = verified();
      if (auth && failBranchIsThen !== null) this.out.authenticated = true;
    }
    const inner = [...conds, c];
    const a = this.exec(e.then, thenIn, inner);
    let b = this.exec(e.else, elseIn, inner);
    // `if (!ok) return 401` and `if (error) return error`: whichever polarity, the path that goes
    // on is the one where the check passed.
    if (guard && a === null && b && !b.v) b = verified();
    return merge(a, b, c);
  }

  private tryStep(e: Extract<Ev, { t: "try" }>, st: State, conds: Cond[]): State | null {
    const throwing = [...callsOf(e.body)].find((x) => {
      const s = this.summaries.get(x.id);
      return s && s.kind === "throws" && !x.swallow && (x.awaited || !s.async);
    });
    const body = this.exec(e.body, clone(st), conds);
    let handler: State | null = null;
    if (e.handler) {
      const hin = clone(st);
      if (!hin.v && throwing && e.catchAt) hin.why = { k: "swallowed", at: e.catchAt, verifyAt: throwing.at };
      // A catch that verification failures land in is error handling (logging, an error response):
      // what matters is whether it lets execution go on after the try, not what it calls.
      if (throwing) this.quiet++;
      try {
        handler = this.exec(e.handler, hin, conds);
      } finally {
        if (throwing) this.quiet--;
      }
    }
    let after = merge(body, handler, undefined);
    if (after && e.fin.length) after = this.exec(e.fin, after, conds);
    return after;
  }

  /** Exits reached without verification, judged once every exit is known. */
  private readonly unverifiedExits: Array<{
    kind: "fail" | "pass";
    value: ExitValue;
    st: State;
    conds: Cond[];
    at: Location;
  }> = [];

  exit(kind: "throw" | "fail" | "pass", value: ExitValue, st: State, conds: Cond[], at: Location): void {
    if (kind === "throw" || st.v) return;
    this.unverifiedExits.push({ kind, value, st, conds: [...conds], at });
  }

  /**
   * A helper that answers failure with an error Response means "verified" by returning nothing; one
   * that answers with `false` means it by `true`. An unverified exit that says "verified" lets the
   * caller go on: a weakness of the helper.
   */
  judgeExits(): void {
    const responseStyle = this.unverifiedExits.some((x) => x.value === "response");
    for (const x of this.unverifiedExits) {
      const pass = x.kind === "pass" || (responseStyle && x.value === "nullish");
      if (!pass) {
        this.out.failsWithValue = true;
        continue;
      }
      if (!this.asHelper || !this.out.attempted) continue;
      const issue = this.weakness(x.st, x.conds, x.at, "is handed back to the caller as if it were verified");
      if (issue) {
        this.out.passesUnverified = true;
        this.issue(issue);
      }
    }
  }

  private effect(at: Location, what: string, st: State, conds: Cond[]): void {
    if (st.v || this.quiet) return;
    if (st.why.k === "not-awaited") return; // reported at the call
    const issue = this.weakness(st, conds, at, `reaches ${what} (line ${line(at)}) unverified`);
    if (issue) {
      this.issue(issue);
      return;
    }
    if (this.reportedEffect) return;
    this.reportedEffect = true;
    this.out.firstUnverified = { at, what, kind: this.out.attempted ? "ordering" : "none" };
  }

  /** Why this unverified path is a weakness of existing verification code, if it is one. */
  private weakness(st: State, conds: Cond[], at: Location, reaches: string): Issue | undefined {
    // Only QStash verification code has QStash weaknesses (a cron-secret helper is someone else's).
    if (!this.out.attempted) return undefined;
    const why = st.why;
    switch (why.k) {
      case "not-awaited":
        return undefined; // reported at the call already
      case "swallowed":
        return {
          check: "verify-error-swallowed",
          at: why.at,
          confidence: "high",
          related: [why.verifyAt, at],
          message: `This catch swallows the error that signature verification throws (line ${line(why.verifyAt)}) and execution goes on: a forged QStash message ${reaches}. Return 401 (or rethrow) from the catch.`,
        };
      case "unchecked":
        return {
          check: "verify-error-swallowed",
          at: why.at,
          confidence: "high",
          related: [at],
          message: `${why.name}() turns a failed signature check into a return value that is never checked: a forged QStash message ${reaches}. Check the result and return 401 (or the error response) when it signals failure, or let the error propagate.`,
        };
      case "branch":
        return this.condIssue(why.cond, at, reaches, why.skippedWhen);
      case "none": {
        if (!this.out.attempted) return undefined;
        const env = [...conds].reverse().find((c) => c.cat === "env");
        const other = [...conds].reverse().find((c) => c.cat === "header" || c.cat === "method");
        const c = env ?? other;
        return c ? this.condIssue(c, at, reaches) : undefined;
      }
    }
  }

  private condIssue(c: Cond, at: Location, reaches: string, skippedWhen?: "holds" | "fails"): Issue {
    const verifyAt = this.out.verifyAt;
    const related = verifyAt ? [verifyAt, at] : [at];
    if (c.cat === "env") {
      const where = skippedWhen ? skippingEnvironment(c, skippedWhen) : undefined;
      return {
        check: "verify-skipped-by-environment",
        at: c.at,
        confidence: "medium",
        related,
        message: `${where ? `Signature verification is skipped when ${where}` : `Signature verification depends on ${quote(c.text)}`}: on such a deployment (self-hosted, preview, a missing variable) a forged QStash message ${reaches}. Verify on every deployment; for local development run the QStash dev server (QSTASH_DEV=true locally) instead of skipping the check.`,
      };
    }
    const what =
      c.cat === "header"
        ? "a request without the Upstash-Signature header skips it"
        : c.cat === "method"
          ? "a request with another HTTP method skips it"
          : "the other branch skips it";
    return {
      check: "verify-optional",
      at: c.at,
      confidence: c.cat === "header" ? "high" : "medium",
      related,
      message: `Signature verification only runs when ${quote(c.text)}: ${what}, and a forged QStash message ${reaches}. Reject requests without a valid signature (return 401) before any work, on every path.`,
    };
  }

  private issue(i: Issue): void {
    const key = `${i.check}:${i.at.file}:${i.at.range.startLine}:${i.at.range.startColumn}`;
    if (
      this.out.issues.some((x) => `${x.check}:${x.at.file}:${x.at.range.startLine}:${x.at.range.startColumn}` === key)
    )
      return;
    this.out.issues.push(i);
  }
}

/**
 * The environment in which verification is skipped, in words with the condition's source
 * ("NODE_ENV is not "production" (`process.env.NODE_ENV === "production"` is false)").
 */
export function skippingEnvironment(c: Cond, skippedWhen: "holds" | "fails"): string {
  const words = skippedWhen === "holds" ? c.holds : c.fails;
  const source = `${quote(c.text)} is ${skippedWhen === "holds" ? "true" : "false"}`;
  const fallback = !words || words.includes(c.text.replace(/\s+/g, " ").slice(0, 60));
  return fallback ? source : `${words} (${source})`;
}

/** `a`: the state after the then-branch, `b`: after the else-branch of `cond`. */
function merge(a: State | null, b: State | null, cond: Cond | undefined): State | null {
  if (!a) return b;
  if (!b) return a;
  if (a.v && b.v) return a;
  if (a.v !== b.v) {
    const u = a.v ? b : a;
    const why: Why = u.why.k === "none" && cond ? { k: "branch", cond, skippedWhen: a.v ? "fails" : "holds" } : u.why;
    return { v: false, why, flags: u.flags, pending: u.pending };
  }
  return {
    v: false,
    why: a.why.k !== "none" ? a.why : b.why,
    flags: intersect(a.flags, b.flags),
    pending: intersect(a.pending, b.pending),
  };
}
