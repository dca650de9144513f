/**
 * What happens to a rate-limit verdict after the call: is `success` read and does the limited branch
 * stop the request, is the verdict handed to the caller (a helper), thrown away, or swallowed by a
 * `catch` that lets the request through? Also where `pending` and `reason` go.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { memberPath, propertyNameText, unwrap, walk } from "../../ast";
import { declarationOf, referencesTo, scopeOf, type Declaration } from "./scope";
import { constBoolean, constString } from "./values";

/**
 * What a verdict-producing call returns: the limit result object, its `success` (true = allowed), a
 * "limited" boolean (true = refuse), or a verdict value that is set only when the request must be
 * refused (a 429 response, an error object).
 */
export type Shape = "result" | "success" | "limited" | "verdict";

export type Consumption =
  | { kind: "enforced" }
  | { kind: "discarded"; counter: boolean }
  | { kind: "unread" }
  | { kind: "falls-through"; branch: ts.Node }
  /** `if (success) { return 429 }`: the check is the wrong way round. */
  | { kind: "inverted"; at: ts.Node }
  | { kind: "delegated"; fn: ts.FunctionLikeDeclaration; shape: Shape };

export interface VerdictUse {
  consumption: Consumption;
  /** `pending` was awaited, given to waitUntil, or the whole result escaped: "handled"; never touched: "dropped". */
  pending: "handled" | "dropped" | "unknown";
  /** `reason` comparisons with "timeout" that let timed-out requests through. */
  timeoutAllows: ts.Node[];
  /** `.catch(() => ({ success: true }))` on the call. */
  catchAllows?: ts.Node;
  /** Nodes where `success` (or the verdict) is decided, for fail-open analysis of an enclosing try. */
  checks: ts.Node[];
  /** The limited branch throws (a guard: callers that swallow its exception switch the limit off). */
  throwsWhenLimited?: boolean;
  /** The variable the result (or success) is bound to outside a try, with its initial value. */
  outerBinding?: { decl: Declaration; initial: boolean | undefined };
}

const LOG_CALL =
  /^(console|logger|log|Sentry|captureException|captureMessage|debug|trace|span|posthog|analytics|track)$/;
const TERMINATING_CALLS = new Set([
  "redirect",
  "permanentRedirect",
  "notFound",
  "forbidden",
  "unauthorized",
  "error",
  "abort",
  "fail",
  "exit",
  "throwError",
  "createError",
]);

/** Climb from a call through `await`, parentheses, casts and `.catch(...)` to the value's use. */
function outerOf(call: ts.Expression, onCatch: (c: ts.CallExpression) => void): ts.Expression {
  const ts = typescript();
  let n: ts.Expression = call;
  for (;;) {
    const p = n.parent;
    if (!p) return n;
    if (
      ts.isAwaitExpression(p) ||
      ts.isParenthesizedExpression(p) ||
      ts.isAsExpression(p) ||
      ts.isNonNullExpression(p) ||
      ts.isSatisfiesExpression(p) ||
      ts.isTypeAssertionExpression(p)
    )
      n = p as ts.Expression;
    else if (
      ts.isPropertyAccessExpression(p) &&
      p.expression === n &&
      p.name.text === "catch" &&
      p.parent &&
      ts.isCallExpression(p.parent)
    ) {
      onCatch(p.parent);
      n = p.parent;
    } else return n;
  }
}

export function analyzeVerdict(call: ts.Expression, shape: Shape, isHandler: (fn: ts.Node) => boolean): VerdictUse {
  const ts = typescript();
  const use: VerdictUse = { consumption: { kind: "unread" }, pending: "unknown", timeoutAllows: [], checks: [] };
  const outer = outerOf(call, (c) => {
    const h = c.arguments[0];
    if (h && catchHandlerAllows(h)) use.catchAllows = c;
  });
  const p = outer.parent;
  const acc = new Accumulator(isHandler);

  if (!p || ts.isExpressionStatement(p) || ts.isVoidExpression(p)) {
    use.consumption = { kind: "discarded", counter: isCounter(outer) };
    use.pending = "dropped";
    return use;
  }
  if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === outer)) {
    acc.delegate(p, shape);
    use.pending = "unknown";
  } else if (ts.isVariableDeclaration(p) && p.initializer === outer) {
    bindTo(p.name, shape, acc, use);
  } else if (ts.isBinaryExpression(p) && p.right === outer && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = unwrap(p.left);
    if (ts.isIdentifier(left)) {
      const decl = declarationOf(left);
      if (decl) {
        use.outerBinding = {
          decl,
          initial: ts.isVariableDeclaration(decl) ? constBoolean(decl.initializer) : undefined,
        };
        acc.refs(decl, shape, use, p);
      } else acc.enforced();
    } else if (ts.isObjectLiteralExpression(left)) {
      for (const prop of left.properties) {
        const key = ts.isShorthandPropertyAssignment(prop)
          ? prop.name.text
          : ts.isPropertyAssignment(prop)
            ? propertyNameText(prop.name)
            : undefined;
        const target = ts.isShorthandPropertyAssignment(prop)
          ? prop.name
          : ts.isPropertyAssignment(prop)
            ? unwrap(prop.initializer)
            : undefined;
        if (!key || !target || !ts.isIdentifier(target)) continue;
        const decl = declarationOf(target);
        if (!decl) continue;
        if (key === "success") {
          use.outerBinding = {
            decl,
            initial: ts.isVariableDeclaration(decl) ? constBoolean(decl.initializer) : undefined,
          };
          acc.refs(decl, "success", use, p);
        } else if (key === "pending") acc.pendingRefs(decl, use);
      }
    } else acc.enforced();
  } else if (ts.isPropertyAccessExpression(p) && p.expression === outer) {
    if (p.name.text === "success" && shape === "result") acc.successUse(p, use);
    else if (p.name.text === "pending") use.pending = "handled";
    else acc.enforced();
  } else if (
    ts.isArrayLiteralExpression(p) &&
    p.parent &&
    ts.isCallExpression(p.parent) &&
    memberPath(p.parent.expression)
      ?.join(".")
      .match(/^Promise\.(all|allSettled)$/)
  ) {
    // const [a, b] = await Promise.all([x.limit(…), y.limit(…)])
    const index = p.elements.indexOf(outer);
    let q: ts.Node = p.parent;
    while (q.parent && (ts.isAwaitExpression(q.parent) || ts.isParenthesizedExpression(q.parent))) q = q.parent;
    const decl = q.parent;
    if (
      decl &&
      ts.isVariableDeclaration(decl) &&
      ts.isArrayBindingPattern(decl.name) &&
      !memberPath(p.parent.expression)!.join(".").endsWith("allSettled")
    ) {
      const el = decl.name.elements[index];
      if (el && !ts.isOmittedExpression(el) && !el.dotDotDotToken) bindTo(el.name, shape, acc, use);
      else acc.enforced();
    } else acc.enforced();
  } else {
    // Passed to a function, put in an object, compared directly…: someone else reads it.
    if (shape !== "result" || !(ts.isCallExpression(p) && isLogCall(p)))
      acc.successUse(outer, use, shape === "limited" || shape === "verdict");
  }
  use.consumption = acc.result();
  if (acc.pendingSeen || acc.escaped) use.pending = "handled";
  else if (use.consumption.kind === "delegated") use.pending = "unknown";
  else if (acc.boundResult) use.pending = "dropped";
  return use;
}

function bindTo(name: ts.BindingName, shape: Shape, acc: Accumulator, use: VerdictUse): void {
  const ts = typescript();
  if (ts.isIdentifier(name)) {
    const decl = name.parent as Declaration;
    acc.boundResult = shape === "result";
    acc.refs(decl, shape, use);
    return;
  }
  if (ts.isObjectBindingPattern(name) && shape === "result") {
    acc.boundResult = true;
    for (const el of name.elements) {
      if (el.dotDotDotToken) {
        acc.enforced();
        acc.escaped = true;
        continue;
      }
      const key = propertyNameText(el.propertyName) ?? (ts.isIdentifier(el.name) ? el.name.text : undefined);
      if (!ts.isIdentifier(el.name)) continue;
      if (key === "success") {
        acc.refs(el as Declaration, "success", use);
      } else if (key === "pending") acc.pendingRefs(el as Declaration, use);
      else if (key === "reason") acc.reasonRefs(el as Declaration, use);
      else if (key === "remaining") acc.remainingRefs(el as Declaration);
    }
    return;
  }
  acc.enforced();
}

class Accumulator {
  private readonly kinds = new Set<"enforced" | "delegated" | "falls-through">();
  private inverted?: ts.Node;
  private delegatedTo?: { fn: ts.FunctionLikeDeclaration; shape: Shape };
  private fallsThrough?: ts.Node;
  escaped = false;
  pendingSeen = false;
  boundResult = false;
  private depth = 0;

  constructor(private readonly isHandler: (fn: ts.Node) => boolean) {}

  enforced(): void {
    this.kinds.add("enforced");
  }

  result(): Consumption {
    if (this.inverted) return { kind: "inverted", at: this.inverted };
    if (this.kinds.has("enforced")) return { kind: "enforced" };
    if (this.delegatedTo) return { kind: "delegated", ...this.delegatedTo };
    if (this.fallsThrough) return { kind: "falls-through", branch: this.fallsThrough };
    return { kind: "unread" };
  }

  /** The value leaves through `return`: the enclosing function hands the verdict to its callers. */
  delegate(at: ts.Node, shape: Shape): void {
    const ts = typescript();
    let fn: ts.Node | undefined = at;
    while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
    if (!fn || this.isHandler(fn) || !isNamedFunction(fn)) {
      this.enforced();
      return;
    }
    this.kinds.add("delegated");
    this.delegatedTo ??= { fn: fn as ts.FunctionLikeDeclaration, shape };
  }

  refs(decl: Declaration, shape: Shape, use: VerdictUse, skip?: ts.Node): void {
    const ts = typescript();
    if (++this.depth > 6) {
      this.enforced();
      return;
    }
    for (const ref of referencesTo(decl, scopeOf(decl))) {
      if (skip && isWithin(ref, skip)) continue;
      const p = ref.parent;
      if (shape === "result" && p && ts.isPropertyAccessExpression(p) && p.expression === ref) {
        const name = p.name.text;
        if (name === "success") this.successUse(p, use);
        else if (name === "pending") this.pendingUse(p, use);
        else if (name === "reason") this.reasonUse(p, use);
        else if (name === "remaining" && inCondition(p)) this.enforced();
        continue;
      }
      if (shape === "result" && p && ts.isElementAccessExpression(p) && p.expression === ref) {
        const key = constString(p.argumentExpression);
        if (key === "success") this.successUse(p, use);
        else if (key === undefined) this.enforced();
        continue;
      }
      if (shape === "result") {
        // The whole result goes somewhere: returned (delegation), or handed to another function.
        if (p && ts.isCallExpression(p) && isLogCall(p)) continue;
        const top = climbValue(ref);
        const tp = top.parent;
        if (tp && (ts.isReturnStatement(tp) || (ts.isArrowFunction(tp) && tp.body === top)))
          this.delegate(tp, "result");
        else {
          this.escaped = true;
          this.enforced();
        }
        continue;
      }
      this.successUse(ref, use, shape === "limited" || shape === "verdict");
    }
    this.depth--;
  }

  pendingRefs(decl: Declaration, use: VerdictUse): void {
    for (const ref of referencesTo(decl, scopeOf(decl))) this.pendingUse(ref, use);
  }

  private pendingUse(node: ts.Node, use: VerdictUse): void {
    const ts = typescript();
    const p = node.parent;
    if (p && ts.isCallExpression(p) && isLogCall(p)) return;
    this.pendingSeen = true;
    use.pending = "handled";
  }

  reasonRefs(decl: Declaration, use: VerdictUse): void {
    for (const ref of referencesTo(decl, scopeOf(decl))) this.reasonUse(ref, use);
  }

  remainingRefs(decl: Declaration): void {
    for (const ref of referencesTo(decl, scopeOf(decl))) if (inCondition(ref)) this.enforced();
  }

  /** A `reason` read: does it let `"timeout"` through? */
  private reasonUse(node: ts.Node, use: VerdictUse): void {
    const ts = typescript();
    const cmp = node.parent;
    if (!cmp || !ts.isBinaryExpression(cmp)) return;
    const other = cmp.left === node ? cmp.right : cmp.left;
    const lit = unwrap(other);
    if (!(ts.isStringLiteral(lit) || ts.isNoSubstitutionTemplateLiteral(lit)) || lit.text !== "timeout") return;
    const op = cmp.operatorToken.kind;
    const equals = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
    const notEquals = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    const logical = cmp.parent && ts.isBinaryExpression(cmp.parent) ? cmp.parent : undefined;
    // `success || reason === "timeout"`: a timeout counts as allowed.
    if (
      equals &&
      logical &&
      logical.operatorToken.kind === ts.SyntaxKind.BarBarToken &&
      mentionsSuccess(logical.left === cmp ? logical.right : logical.left, false)
    ) {
      use.timeoutAllows.push(cmp);
      return;
    }
    // `!success && reason !== "timeout"`: the block skips timeouts.
    if (
      notEquals &&
      logical &&
      logical.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      mentionsSuccess(logical.left === cmp ? logical.right : logical.left, true)
    ) {
      use.timeoutAllows.push(cmp);
      return;
    }
    // `if (reason === "timeout") return next()/handler(req)/NextResponse.next()/true`.
    if (equals) {
      let stmt: ts.Node = cmp;
      while (
        stmt.parent &&
        !ts.isIfStatement(stmt.parent) &&
        (ts.isParenthesizedExpression(stmt.parent) || ts.isBinaryExpression(stmt.parent))
      )
        stmt = stmt.parent;
      const ifs = stmt.parent;
      if (ifs && ts.isIfStatement(ifs) && ifs.expression === stmt && branchAllows(ifs.thenStatement))
        use.timeoutAllows.push(cmp);
    }
  }

  /** A read of the success boolean (identifier or `r.success`). */
  successUse(node: ts.Node, use: VerdictUse, startNegated = false): void {
    const c = climbCondition(node, startNegated);
    if (c.stop === "enforced") return this.enforced();
    if (c.stop === "assigned") {
      // `allowed = success`: follow the other variable.
      const ts = typescript();
      const left = unwrap(c.at.left);
      const decl = ts.isIdentifier(left) ? declarationOf(left) : undefined;
      if (decl) this.refs(decl, c.negated ? "limited" : "success", use, c.at);
      else this.enforced();
      return;
    }
    const { n, negated } = c;
    const p = n.parent;
    if (!p) return this.enforced();
    use.checks.push(n);
    this.conditionUse(p, n, negated, use);
  }

  /** What the statement or expression around a (possibly negated) success read does with it. */
  private conditionUse(p: ts.Node, n: ts.Node, negated: boolean, use: VerdictUse): void {
    const ts = typescript();
    if (ts.isIfStatement(p) && p.expression === n) return this.ifUse(p, negated, use);
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === n))
      return this.delegate(p, negated ? "limited" : "success");
    if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) return this.propertyUse(p);
    if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name))
      return this.refs(p as Declaration, negated ? "limited" : "success", use);
    if (ts.isCallExpression(p)) return isLogCall(p) ? undefined : this.enforced();
    // `success.toString()` for a header, a template, a bare statement: not a decision.
    if (ts.isPropertyAccessExpression(p) && p.expression === n) return;
    if (ts.isTemplateSpan(p) || ts.isExpressionStatement(p)) return;
    // Conditions of `?:`, loops and switches, `throw`, other operators: a decision.
    return this.enforced();
  }

  /** `if (success) …` / `if (!success) …`. */
  private ifUse(p: ts.IfStatement, negated: boolean, use: VerdictUse): void {
    // `if (success) { throw/return 429 }`: refuses the allowed requests and lets the limited ones in.
    if (!negated && looksLimited(p.thenStatement) && !(p.elseStatement && looksLimited(p.elseStatement))) {
      this.inverted ??= p.expression;
      return;
    }
    const limited = negated ? p.thenStatement : p.elseStatement;
    const allowed = negated ? p.elseStatement : p.thenStatement;
    // `if (success) { work }`: the work only runs when allowed.
    if (!limited) return this.enforced();
    if (terminates(limited)) return this.refusedIn(p, limited, allowed, use);
    if (p.elseStatement) return this.enforced();
    if (statementsFollow(p)) {
      this.kinds.add("falls-through");
      this.fallsThrough ??= limited;
      return;
    }
    return this.enforced();
  }

  /** The limited branch ends the function: enforced here, or handed to the caller by a helper. */
  private refusedIn(p: ts.IfStatement, limited: ts.Statement, allowed: ts.Statement | undefined, use: VerdictUse) {
    const ts = typescript();
    if (throwsAtTop(limited)) use.throwsWhenLimited = true;
    const ret = returnsValue(limited);
    let fn: ts.Node | undefined = p;
    while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
    // A helper that returns a 429 response (or an error value) and has nothing left to protect:
    // its caller must return what it returns.
    if (ret && fn && !this.isHandler(fn) && isNamedFunction(fn) && !statementsFollowIn(p, fn, allowed))
      return this.delegate(p, "verdict");
    return this.enforced();
  }

  /** `{ success }` in an object literal. */
  private propertyUse(p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): void {
    const ts = typescript();
    const obj = p.parent;
    const top = obj ? climbValue(obj) : undefined;
    const tp = top?.parent;
    if (tp && (ts.isReturnStatement(tp) || (ts.isArrowFunction(tp) && tp.body === top))) {
      // `return { success }` hands callers a result object; under another name (`{ allowed: success }`)
      // callers read a field this analysis does not follow, so the verdict counts as used.
      const name = ts.isShorthandPropertyAssignment(p) ? p.name.text : propertyNameText(p.name);
      return name === "success" ? this.delegate(tp, "result") : this.enforced();
    }
    // Put in an object handed elsewhere (a response body, headers): not a decision.
    if (top && isInsideResponse(top)) return;
    return this.enforced();
  }
}

type Climbed =
  | { stop?: undefined; n: ts.Node; negated: boolean }
  | { stop: "enforced" }
  | { stop: "assigned"; at: ts.BinaryExpression; negated: boolean };

/** How `x === <boolean>` / `x !== <boolean>` flips a condition; undefined when `p` is no such comparison. */
function comparisonFlips(p: ts.BinaryExpression, other: ts.Expression): boolean | undefined {
  const ts = typescript();
  const b = constBoolean(other);
  if (b === undefined) return undefined;
  const op = p.operatorToken.kind;
  if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) return !b;
  if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return b;
  return undefined;
}

/** Climb from a success read through negations, comparisons with literals and logical operators. */
function climbCondition(node: ts.Node, startNegated: boolean): Climbed {
  const ts = typescript();
  let n: ts.Node = node;
  let negated = startNegated;
  for (let p = n.parent; p; p = n.parent) {
    if (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p)) {
      n = p;
      continue;
    }
    if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) {
      negated = !negated;
      n = p;
      continue;
    }
    if (!ts.isBinaryExpression(p)) break;
    const flips = comparisonFlips(p, p.left === n ? p.right : p.left);
    const op = p.operatorToken.kind;
    if (flips !== undefined) {
      if (flips) negated = !negated;
    } else if (op === ts.SyntaxKind.EqualsToken && p.right === n) return { stop: "assigned", at: p, negated };
    // Part of a larger condition (`&&`, `||`): judged where the condition is used.
    else if (op !== ts.SyntaxKind.AmpersandAmpersandToken && op !== ts.SyntaxKind.BarBarToken)
      return { stop: "enforced" };
    n = p;
  }
  return { n, negated };
}

/** A branch that refuses: throws, or returns a 429 / "too many requests" / rate-limit error. */
function looksLimited(stmt: ts.Node): boolean {
  const ts = typescript();
  let hit = false;
  walk(stmt, (n) => {
    if (ts.isFunctionLike(n)) return false;
    if (ts.isThrowStatement(n)) hit = true;
    if (
      ts.isReturnStatement(n) &&
      n.expression &&
      /\b429\b|too many|rate.?limit|slow down|TOO_MANY_REQUESTS/i.test(n.expression.getText())
    )
      hit = true;
    return undefined;
  });
  return hit;
}

function isWithin(node: ts.Node, container: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === container) return true;
  return false;
}

/** Climb from a value through wrappers that keep it (await, parentheses, object/array literals, spreads). */
function climbValue(node: ts.Node): ts.Node {
  const ts = typescript();
  let n = node;
  while (
    n.parent &&
    (ts.isParenthesizedExpression(n.parent) ||
      ts.isAwaitExpression(n.parent) ||
      ts.isAsExpression(n.parent) ||
      ts.isObjectLiteralExpression(n.parent) ||
      ts.isPropertyAssignment(n.parent) ||
      ts.isShorthandPropertyAssignment(n.parent) ||
      ts.isSpreadAssignment(n.parent) ||
      ts.isArrayLiteralExpression(n.parent))
  )
    n = n.parent;
  return n;
}

function isInsideResponse(node: ts.Node): boolean {
  const ts = typescript();
  const p = node.parent;
  if (!p) return false;
  if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
    const callee = p.expression.getText();
    return /Response|json|send|status|setHeader|set|header|log|stringify|write|toast|render/i.test(callee);
  }
  return false;
}

function isLogCall(call: ts.CallExpression): boolean {
  const path = memberPath(call.expression);
  if (!path) return false;
  return LOG_CALL.test(path[0]!);
}

function inCondition(node: ts.Node): boolean {
  const ts = typescript();
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if ((ts.isIfStatement(p) || ts.isWhileStatement(p)) && p.expression === n) return true;
    if (ts.isConditionalExpression(p) && p.condition === n) return true;
    if (ts.isStatement(p) || ts.isFunctionLike(p)) return false;
  }
  return false;
}

function mentionsSuccess(node: ts.Node, negated: boolean): boolean {
  const ts = typescript();
  let hit = false;
  walk(node, (n) => {
    if (ts.isIdentifier(n) && n.text === "success") {
      const neg =
        n.parent && ts.isPrefixUnaryExpression(n.parent) && n.parent.operator === ts.SyntaxKind.ExclamationToken;
      const negProp =
        n.parent &&
        ts.isPropertyAccessExpression(n.parent) &&
        n.parent.parent &&
        ts.isPrefixUnaryExpression(n.parent.parent);
      if (Boolean(neg || negProp) === negated) hit = true;
    }
  });
  return hit;
}

function isNamedFunction(fn: ts.Node): boolean {
  const ts = typescript();
  if (ts.isFunctionDeclaration(fn) && fn.name) return true;
  if (
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
    fn.parent &&
    ts.isVariableDeclaration(fn.parent) &&
    ts.isIdentifier(fn.parent.name)
  )
    return true;
  if (ts.isMethodDeclaration(fn)) return true;
  return false;
}

/** Whether a branch always leaves: ends in return/throw or a call that throws (redirect, notFound, error). */
export function terminates(stmt: ts.Node): boolean {
  const ts = typescript();
  if (ts.isReturnStatement(stmt) || ts.isThrowStatement(stmt)) return true;
  if (ts.isBlock(stmt)) {
    const last = stmt.statements[stmt.statements.length - 1];
    if (!last) return false;
    if (stmt.statements.some((s) => ts.isReturnStatement(s) || ts.isThrowStatement(s))) return true;
    return terminates(last);
  }
  if (ts.isExpressionStatement(stmt)) {
    let e = unwrap(stmt.expression);
    if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
    if (ts.isCallExpression(e)) {
      // Bare calls that throw (Next `redirect()`/`notFound()`, SvelteKit `error()`); `console.error()` does not.
      const path = memberPath(e.expression);
      if (path?.length === 1 && TERMINATING_CALLS.has(path[0]!)) return true;
      if (path?.join(".") === "process.exit") return true;
    }
    return false;
  }
  if (ts.isIfStatement(stmt))
    return Boolean(stmt.elseStatement && terminates(stmt.thenStatement) && terminates(stmt.elseStatement));
  if (ts.isTryStatement(stmt))
    return terminates(stmt.tryBlock) && (!stmt.catchClause || terminates(stmt.catchClause.block));
  return false;
}

/** The branch leaves by throwing: `throw …`, or a bare call that throws (`error(429)`, `redirect()`). */
export function throwsAtTop(stmt: ts.Node): boolean {
  const ts = typescript();
  const list = ts.isBlock(stmt) ? stmt.statements : [stmt as ts.Statement];
  return list.some((s) => {
    if (ts.isThrowStatement(s)) return true;
    if (ts.isExpressionStatement(s)) {
      let e = unwrap(s.expression);
      if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
      const path = ts.isCallExpression(e) ? memberPath(e.expression) : undefined;
      return path?.length === 1 && TERMINATING_CALLS.has(path[0]!) && path[0] !== "fail";
    }
    return false;
  });
}

function returnsValue(stmt: ts.Node): boolean {
  const ts = typescript();
  let found = false;
  walk(stmt, (n) => {
    if (ts.isFunctionLike(n)) return false;
    if (ts.isReturnStatement(n) && n.expression) found = true;
    return undefined;
  });
  return found;
}

/** Whether executable statements follow `stmt` in its block (or in enclosing blocks of the same function). */
export function statementsFollow(stmt: ts.Node): boolean {
  const ts = typescript();
  let n: ts.Node = stmt;
  while (n.parent) {
    const p: ts.Node = n.parent;
    if (ts.isFunctionLike(p)) return false;
    if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) {
      const list = p.statements as readonly ts.Statement[];
      const i = list.indexOf(n as ts.Statement);
      if (list.slice(i + 1).some((s) => !ts.isFunctionDeclaration(s) && !ts.isEmptyStatement(s))) return true;
    }
    // Leaving a loop body or a try: what follows the try still runs.
    n = p;
  }
  return false;
}

/** Statements after `stmt` inside `fn` that do more than return a constant (the "protected work"). */
function statementsFollowIn(stmt: ts.Node, fn: ts.Node, allowed: ts.Node | undefined): boolean {
  const ts = typescript();
  if (allowed && !isTrivialReturn(allowed)) return true;
  let n: ts.Node = stmt;
  while (n.parent && n.parent !== fn) {
    const p: ts.Node = n.parent;
    if (ts.isBlock(p)) {
      const list = p.statements;
      const i = list.indexOf(n as ts.Statement);
      for (const s of list.slice(i + 1)) if (!isTrivialReturn(s)) return true;
    }
    n = p;
  }
  return false;
}

function isTrivialReturn(stmt: ts.Node): boolean {
  const ts = typescript();
  if (ts.isBlock(stmt)) return stmt.statements.every((s) => isTrivialReturn(s));
  if (!ts.isReturnStatement(stmt)) return ts.isEmptyStatement(stmt);
  if (!stmt.expression) return true;
  const e = unwrap(stmt.expression);
  if (
    e.kind === ts.SyntaxKind.NullKeyword ||
    e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword ||
    e.kind === ts.SyntaxKind.UndefinedKeyword
  )
    return true;
  if (ts.isIdentifier(e) && e.text === "undefined") return true;
  if (ts.isObjectLiteralExpression(e) || ts.isStringLiteral(e)) return true;
  const path = ts.isCallExpression(e) ? memberPath(e.expression)?.join(".") : undefined;
  return path === "NextResponse.next";
}

/** A branch that lets the request through: `return next()`, `return NextResponse.next()`, `return handler(req)`, `return true`. */
export function branchAllows(stmt: ts.Node): boolean {
  const ts = typescript();
  let allows = false;
  walk(stmt, (n) => {
    if (ts.isFunctionLike(n)) return false;
    if (ts.isReturnStatement(n) && n.expression) {
      let e = unwrap(n.expression);
      if (ts.isAwaitExpression(e)) e = unwrap(e.expression);
      if (e.kind === ts.SyntaxKind.TrueKeyword) allows = true;
      if (ts.isCallExpression(e) && callAllows(e)) allows = true;
      if (ts.isObjectLiteralExpression(e) && successTrue(e)) allows = true;
    }
    if (ts.isExpressionStatement(n)) {
      const e = unwrap(n.expression);
      const c = ts.isAwaitExpression(e) ? unwrap(e.expression) : e;
      if (ts.isCallExpression(c) && callAllows(c)) allows = true;
    }
    return undefined;
  });
  return allows;
}

/**
 * `next()` (Express, tRPC, SvelteKit), `NextResponse.next()`, or the wrapped handler: the request goes
 * on. `next(err)` hands an error to the error handler and does not.
 */
function callAllows(call: ts.CallExpression): boolean {
  const ts = typescript();
  const path = memberPath(call.expression)?.join(".") ?? "";
  if (path === "next") {
    const a = call.arguments[0];
    return (
      !a ||
      a.kind === ts.SyntaxKind.NullKeyword ||
      (ts.isIdentifier(a) && a.text === "undefined") ||
      ts.isObjectLiteralExpression(a)
    );
  }
  return /^(NextResponse\.next|handler|handle|fn|resolve)$/.test(path);
}

function successTrue(obj: ts.ObjectLiteralExpression): boolean {
  const ts = typescript();
  return obj.properties.some(
    (p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === "success" && constBoolean(p.initializer) === true,
  );
}

/** `.catch(() => ({ success: true }))`, `.catch(() => true)`. */
function catchHandlerAllows(handler: ts.Expression): boolean {
  const ts = typescript();
  const h = unwrap(handler);
  if (!ts.isArrowFunction(h) && !ts.isFunctionExpression(h)) return false;
  const bodies: ts.Expression[] = [];
  if (!ts.isBlock(h.body)) bodies.push(h.body);
  else
    walk(h.body, (n) => {
      if (ts.isFunctionLike(n)) return false;
      if (ts.isReturnStatement(n) && n.expression) bodies.push(n.expression);
      return undefined;
    });
  return bodies.some((b) => {
    const e = unwrap(b);
    return (ts.isObjectLiteralExpression(e) && successTrue(e)) || e.kind === ts.SyntaxKind.TrueKeyword;
  });
}

/**
 * A discarded `limit()` that counts failures rather than gating: it is followed by a `throw` or an
 * error response in the same block, or the function checks the budget with `getRemaining`.
 */
function isCounter(outer: ts.Node): boolean {
  const ts = typescript();
  let stmt: ts.Node = outer;
  while (stmt.parent && !ts.isExpressionStatement(stmt)) stmt = stmt.parent;
  const block = stmt.parent;
  if (block && (ts.isBlock(block) || ts.isCaseClause(block))) {
    const list = block.statements as readonly ts.Statement[];
    for (const s of list.slice(list.indexOf(stmt as ts.Statement) + 1)) {
      if (ts.isThrowStatement(s)) return true;
      if (ts.isReturnStatement(s) && s.expression && isErrorValue(s.expression)) return true;
    }
  }
  let fn: ts.Node | undefined = outer.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  let remaining = false;
  if (fn)
    walk(fn, (n) => {
      if (ts.isPropertyAccessExpression(n) && n.name.text === "getRemaining") remaining = true;
    });
  return remaining;
}

function isErrorValue(expr: ts.Expression): boolean {
  const ts = typescript();
  let hit = false;
  walk(expr, (n) => {
    if (
      ts.isPropertyAssignment(n) &&
      propertyNameText(n.name) === "status" &&
      ts.isNumericLiteral(n.initializer) &&
      Number(n.initializer.text) >= 400
    )
      hit = true;
    if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === "error") hit = true;
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === "status" &&
      n.arguments[0] &&
      ts.isNumericLiteral(n.arguments[0]) &&
      Number(n.arguments[0].text) >= 400
    )
      hit = true;
  });
  return hit;
}

export { successTrue };
