import { Redis } from "@upstash/redis";

// A one-off script with the production token pasted in: it is now in every clone of the repository.
const redis = new Redis({
  url: "https://eu1-demo-app-31337.upstash.io",
  // ruleid: upstash/token-rotation-neglect/hardcoded-credential
  token: "AbnRAAIsGifY3UysURcW0fPk4U5U3qglpMWweCS61Djm0nUPvhdux8dVBik0s0U",
});

// ok: upstash/token-rotation-neglect
const local = new Redis({ url: "http://localhost:8079", token: "your-token-here" });

await redis.set("seeded", new Date().toISOString());
await local.set("seeded", "yes");
