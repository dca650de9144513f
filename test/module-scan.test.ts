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

  it("lists the names an import takes and a re-export passes on", () => {
    const names = (text: string) => scanModule(text).imports.map((i) => `${i.specifier}: ${i.names?.join(",") ?? "?"}`);
    expect(
      names(`import a, { b, c as d, type e } from "./x";
import * as ns from "./y";
import type { F } from "./t";
import { /* comment */ g } from "./g";
export { h, i as j } from "./z";
export * from "./w";
export * as k from "./v";
const l = require("./r");`),
    ).toEqual(["./x: default,b,c,e", "./y: *", "./t: F", "./g: g", "./z: h,j", "./w: *", "./v: ?", "./r: ?"]);
  });

  it("lists the names a module declares as exports, or says it cannot tell", () => {
    expect(
      scanModule(`export const A = 1;
export async function b() {}
export function* c() {}
export default class {}
export abstract class D {}
export enum E { x }
export type F = string;
export interface G {}
const h = 1, i = 2;
export { h, i as j };
export { k } from "./k";`).exports,
    ).toEqual(["A", "b", "c", "default", "D", "E", "F", "G", "h", "j"]);
    expect(scanModule("export const { a, b } = obj;").exports).toBeUndefined();
    expect(scanModule("module.exports = { a };").exports).toBeUndefined();
    expect(scanModule("exports.a = 1;").exports).toBeUndefined();
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
