/**
 * Rule 3: `receiver.verify(…)` (or a helper that verifies asynchronously) called without `await`
 * gets one, in parentheses where it is an operand (`if (!(await receiver.verify(…)))`). verify
 * resolves true or throws, so the awaited call rejects a forged message by throwing. Only inside an
 * async function: making a function async would change what it returns to its callers. A
 * `verifySignature*` helper called on the request is misused, not un-awaited: no edit.
 */
import { defineFixer } from "./types";
import { enclosingFunction, isAsync, nodeAt } from "./syntax";

export default defineFixer({
  id: "await-verify",
  rule: "upstash/qstash-webhook-spoofing",
  checks: ["verify-not-awaited"],
  summary: "An un-awaited receiver.verify(…) (or verifying helper) inside an async function gets `await`.",
  propose(ctx) {
    const tsx = ctx.ts;
    const sf = ctx.sourceFile;
    const call = nodeAt(ctx, ctx.start, ctx.end, tsx.isCallExpression);
    if (!call) return undefined;
    const callee = call.expression;
    const name = tsx.isPropertyAccessExpression(callee)
      ? callee.name.text
      : tsx.isIdentifier(callee)
        ? callee.text
        : undefined;
    if (!name || /^verifySignature/.test(name)) return undefined;
    const parent = call.parent;
    // Already awaited, returned or chained: nothing is dropped (or the detector saw another problem).
    if (
      tsx.isAwaitExpression(parent) ||
      tsx.isReturnStatement(parent) ||
      (tsx.isPropertyAccessExpression(parent) && parent.expression === call) ||
      tsx.isArrowFunction(parent)
    )
      return undefined;
    const fn = enclosingFunction(tsx, call);
    if (!fn || !isAsync(tsx, fn)) return undefined;
    const start = call.getStart(sf);
    const bare =
      tsx.isExpressionStatement(parent) ||
      tsx.isVariableDeclaration(parent) ||
      tsx.isParenthesizedExpression(parent) ||
      (tsx.isBinaryExpression(parent) && parent.operatorToken.kind === tsx.SyntaxKind.EqualsToken);
    return {
      description: `Await ${name}(…): it throws on a forged message, which only an awaited call turns into a rejected request.`,
      edits: bare
        ? [{ start, end: start, text: "await " }]
        : [
            { start, end: start, text: "(await " },
            { start: call.getEnd(), end: call.getEnd(), text: ")" },
          ],
      scope: { start: fn.getStart(sf), end: fn.getEnd() },
    };
  },
});
