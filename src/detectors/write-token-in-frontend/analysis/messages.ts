/** Wording shared by this rule's messages. */
import type { CredentialKind } from "../../../secrets/credentials";

/** "a Redis REST write token", "an Upstash Vector write token". */
export function withArticle(label: string): string {
  return `${/^[AEIOU]|^Upstash/i.test(label) ? "an" : "a"} ${label}`;
}

/** What someone who reads the credential out of a bundle can do with it. */
export function harmOf(kind: CredentialKind | undefined): string {
  if (kind === "qstash-signing-key")
    return "anyone can read it and forge QStash-signed requests to your webhook endpoints";
  if (kind === "management-api-key") return "anyone can read it and manage (or delete) your Upstash databases";
  if (kind === "qstash-token") return "anyone can read it and publish messages and schedules billed to your account";
  return "anyone can read it and modify or delete your data";
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** How to fix a credential that a public name exposes. */
export function publicNameFix(kind: CredentialKind | undefined): string {
  if (kind === "qstash-signing-key")
    return "Signing keys belong only to the server that verifies QStash requests: rename the variable without the public prefix and roll the keys.";
  if (kind === "qstash-token")
    return "Publish from server code (a route handler or server action reading QSTASH_TOKEN) and let the browser call that route; QStash has no token that is safe to ship.";
  if (kind === "management-api-key")
    return "The management API key never belongs in client code: rename the variable without the public prefix and revoke the key.";
  return "Use a read-only token for client code and keep the write token in a server-only variable (no public prefix), used by route handlers, server actions or edge functions.";
}
