#!/usr/bin/env node
// The CLI entry: the committed bundle in CLI mode (see src/index.ts).
process.env.UPSTASH_SCAN_ENTRY = "cli";
require("../dist/index.js");
