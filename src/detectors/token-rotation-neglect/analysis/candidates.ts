/**
 * A credential candidate: a place in a file's text holding an Upstash credential, either a known,
 * decoded shape (any name, any place) or a real-looking literal under a credential name.
 */
import type { Access, CredentialKind } from "../../../secrets/credentials";
import {
  CREDENTIAL_LABEL,
  UUID_SHAPE,
  findCredentials,
  isPublicDevCredential,
  isSecretReference,
  looksLikeSecretValue,
  redisUrlPassword,
} from "../../../secrets/credentials";
import { redact } from "../../../secrets/redact";
import type { Confidence } from "../../../engine/types";
import { clientPrefixOf } from "../../../secrets/env-names";
import { credentialOfKey, toEnvStyle } from "./names";
import { parseEnvFile } from "../../../engine/env-file";

export interface Candidate {
  /** Offsets of the secret in the file text. */
  start: number;
  end: number;
  /** The secret itself: never print it (use redact()). */
  value: string;
  kind: CredentialKind;
  access: Access;
  /** e.g. "Upstash Redis REST token", "read-only QStash token". */
  label: string;
  /** shape: decoded as an Upstash credential; name: a real-looking value under a credential name. */
  basis: "shape" | "name";
  /** The key or variable the value is assigned to, when known. */
  name?: string;
  confidence: Confidence;
}

/** Every known credential shape in `text` (offsets shifted by `offset`). */
export function shapeCandidates(text: string, offset = 0): Candidate[] {
  return findCredentials(text).map((c) => ({
    start: c.start + offset,
    end: c.end + offset,
    value: c.value,
    kind: c.kind,
    access: c.access,
    label: (c.access === "read-only" ? "read-only " : "") + CREDENTIAL_LABEL[c.kind],
    basis: "shape",
    confidence: "high",
  }));
}

/**
 * The candidate for `value` (found at `valueStart`) assigned to `name` under `context` (enclosing
 * keys, callee, module), or undefined when the name holds no credential or the value is empty, a
 * placeholder, a reference to a secret elsewhere, or a known shape (which shapeCandidates reports).
 */
export function namedCandidate(
  name: string,
  context: readonly string[],
  value: string,
  valueStart: number,
): Candidate | undefined {
  const cred = credentialOfKey(name, context);
  if (!cred) return undefined;
  const v = value.trim();
  if (v === "" || isSecretReference(v) || isPublicDevCredential(v) || findCredentials(v).length > 0) return undefined;
  const lead = value.indexOf(v);
  const base = { kind: cred.kind, access: cred.access, label: cred.label, basis: "name" as const, name };
  if (/^rediss?:\/\//i.test(v)) {
    const p = redisUrlPassword(v);
    if (!p || !looksLikeSecretValue(p.password)) return undefined;
    const start = valueStart + lead + p.offset;
    return {
      ...base,
      kind: "redis-password",
      access: p.readOnly ? "read-only" : "write",
      label: "Upstash Redis password",
      start,
      end: start + p.password.length,
      value: p.password,
      confidence: "medium",
    };
  }
  if (cred.kind === "redis-password" && /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return undefined;
  if (!looksLikeSecretValue(v)) return undefined;
  const confidence: Confidence = cred.kind === "management-api-key" && UUID_SHAPE.test(v) ? "high" : "medium";
  return { ...base, start: valueStart + lead, end: valueStart + lead + v.length, value: v, confidence };
}

/** A value assigned to a name, with the offsets of the value: what gives a shape candidate its name. */
export interface NamedSpan {
  name: string;
  start: number;
  end: number;
}

/**
 * Shape candidates plus the named ones that do not overlap them, in text order. A shape candidate
 * inside one of `spans` takes that span's name (`NEXT_PUBLIC_…_READ_ONLY_TOKEN=<token>`).
 */
export function mergeCandidates(
  shapes: readonly Candidate[],
  named: ReadonlyArray<Candidate | undefined>,
  spans: readonly NamedSpan[] = [],
): Candidate[] {
  const out = shapes.map((c) => {
    if (c.name) return c;
    const span = spans.find((s) => s.start <= c.start && c.end <= s.end);
    return span ? { ...c, name: span.name } : c;
  });
  for (const n of named) {
    if (!n) continue;
    if (out.some((c) => c.start < n.end && n.start < c.end)) continue;
    out.push(n);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** "Upstash Redis REST token AbnR…(63 chars)", or for a named value "UPSTASH_API_KEY (…)". */
export function describeCandidate(c: Candidate): string {
  if (c.basis === "shape") return `${capitalize(c.label)} ${redact(c.value)}`;
  const shape =
    c.kind === "management-api-key" && c.confidence === "high"
      ? ""
      : ", a real-looking value without a known Upstash shape";
  return `${c.name ? `${c.name} (${c.label})` : capitalize(c.label)} = ${redact(c.value)}${shape}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Credentials of a dotenv file: known shapes anywhere (comments too) and real-looking named values. */
export function envCandidates(text: string): Candidate[] {
  const entries = parseEnvFile(text);
  return mergeCandidates(
    shapeCandidates(text),
    entries.map((e) => namedCandidate(e.name, [], e.value, e.valueStart)),
    entries.map((e) => ({ name: e.name, start: e.valueStart, end: e.valueEnd })),
  );
}

/**
 * A read-only credential under a name the framework inlines into client bundles
 * (`NEXT_PUBLIC_KV_REST_API_READ_ONLY_TOKEN`): the documented way to give browsers and apps access,
 * public by design. Keeping it in the repository exposes nothing the bundle does not already show,
 * and it is rotated the way every client-side value is, with a new build.
 */
export function isPublicByDesign(c: Pick<Candidate, "access" | "name">): boolean {
  return c.access === "read-only" && c.name !== undefined && clientPrefixOf(toEnvStyle(c.name)) !== undefined;
}
