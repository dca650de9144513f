// The TypeScript compiler bundled with ts-morph (the same `ts` that ts-morph re-exports).
declare module "@ts-morph/common/dist/typescript.js" {
  import type { ts } from "ts-morph";
  const typescript: typeof ts;
  export = typescript;
}
