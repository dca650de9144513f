/** The per-file time budget, checked by long-running loops such as the syntax tree walk. */

export class BudgetExceeded extends Error {
  constructor(readonly millis: number) {
    super(`time budget of ${millis} ms exceeded`);
  }
}

let deadline = Infinity;
let budgetMillis = 0;

/** Start the clock for one file. */
export function startFileBudget(millis: number): void {
  budgetMillis = millis;
  deadline = performance.now() + millis;
}

export function clearFileBudget(): void {
  deadline = Infinity;
}

/** Throws BudgetExceeded once the current file's time is up. */
export function checkBudget(): void {
  if (performance.now() > deadline) throw new BudgetExceeded(budgetMillis);
}
