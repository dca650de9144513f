import { describe, expect, it } from "vitest";
import { scanModule } from "../src/engine/module-scan";

const specs = (text: string) =>
  scanModule(text).imports.map((i) => `${i.specifier}${i.typeOnly ? " (type)" : ""}${i.dynamic ? " (dynamic)" : ""}`);

describe("module scan", () => {
  it("finds static, re-export, dynamic and require imports", () => {
    expect(
      specs(`import a from "./a";
import { b, c as d } from '@/lib/b';
import * as e from "e";
import "./side-effect.css";
export { f } from "./f";
export * from "./g";
const h = await import("./h");
const i = require("./i");
import j = require("./j");`),
    ).toEqual(["./a", "@/lib/b", "e", "./side-effect.css", "./f", "./g", "./h (dynamic)", "./i", "./j"]);
  });

  it("marks type-only imports, which are erased from bundles", () => {
    expect(
      specs(
        `import type { A } from "./a";\nimport { type B, type C } from "./b";\nimport { type D, e } from "./d";\nexport type { F } from "./f";`,
      ),
    ).toEqual(["./a (type)", "./b (type)", "./d", "./f (type)"]);
  });

  it("ignores imports inside comments, strings, templates and regular expressions", () => {
    expect(
      specs(`// import x from "./no1";
/* import y from "./no2"; */
const s = 'import z from "./no3"';
const t = \`import w from "./no4" \${ "x" } import v from "./no5"\`;
const r = /import q from "\\.\\/no6"/;
const ok = 1 / 2; import real from "./yes";`),
    ).toEqual(["./yes"]);
  });

  it("reads the directive prologue", () => {
    expect(scanModule(`// comment\n"use client";\nimport x from "./x";`).directives).toEqual(["use client"]);
    expect(scanModule(`'use server'\nexport async function a() {}`).directives).toEqual(["use server"]);
    expect(scanModule(`import x from "./x";\n"use client";`).directives).toEqual([]);
  });

  it("does not treat import.meta or obj.import as imports", () => {
    expect(specs(`const u = import.meta.env.VITE_X; obj.import("./no"); obj.require("./no2");`)).toEqual([]);
  });

  it("reads a bundler banner's comment runs in linear time (this hung on an ncc entry file)", () => {
    const banner = "/******/ (() => { // webpackBootstrap\n" + "/******/ \tvar x = 1;\n".repeat(40);
    const t = performance.now();
    expect(scanModule(banner + '"use strict"').directives).toEqual([]);
    expect(scanModule("/******/ ".repeat(2000) + '"use client"').directives).toEqual(["use client"]);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
