// Test-only preload for the bundle (`node --import <this file> dist/index.js`): requests node:https
// makes to *.upstash.io go to the loopback FakeUpstash server whose port is FAKE_UPSTASH_PORT, over
// plain HTTP, with the original host in a header. Nothing in the product reads that variable or knows
// this file: the bundle runs unchanged, its real transport included, and only the network is swapped.
import http from "node:http";
import https from "node:https";

const port = Number(process.env.FAKE_UPSTASH_PORT);
const original = https.request;
https.request = function request(url, options, callback) {
  const target = url instanceof URL ? url : undefined;
  if (!port || !target || !target.hostname.endsWith(".upstash.io")) return original.apply(this, arguments);
  // The product's own options (method, headers, TLS settings) are recorded for the test to check.
  const headers = {
    ...options.headers,
    "x-fake-upstash-host": target.hostname,
    "x-fake-upstash-tls": options.rejectUnauthorized === true ? "rejectUnauthorized" : "unchecked",
  };
  return http.request(
    { host: "127.0.0.1", port, path: target.pathname + target.search, method: options.method, headers, agent: false },
    callback,
  );
};
