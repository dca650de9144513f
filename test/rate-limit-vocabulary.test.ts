/** The rate-limit rule's member vocabularies, each with words it must and must not hold. */
import { describe, expect, it } from "vitest";
import {
  BODY_READERS,
  CLIENT_ADDRESS_MEMBERS,
  PRINCIPAL_MEMBERS,
  QUERY_MEMBERS,
} from "../src/detectors/rate-limit-misconfiguration/analysis/identifiers";

const TABLES = [
  {
    name: "client address",
    set: CLIENT_ADDRESS_MEMBERS,
    yes: ["getClientAddress", "remoteAddress", "ips"],
    no: ["address", "ip", "host"],
  },
  { name: "body readers", set: BODY_READERS, yes: ["json", "formData", "text"], no: ["body", "blob", "arrayBuffer"] },
  { name: "query", set: QUERY_MEMBERS, yes: ["query", "searchParams"], no: ["params", "search", "url"] },
  {
    name: "principal",
    set: PRINCIPAL_MEMBERS,
    yes: ["session", "user", "locals"],
    no: ["userId", "headers", "cookies"],
  },
];

describe.each(TABLES)("$name", ({ set, yes, no }) => {
  it.each(yes)("holds %s", (w) => expect(set.has(w)).toBe(true));
  it.each(no)("does not hold %s", (w) => expect(set.has(w)).toBe(false));
});
