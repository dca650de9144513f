// A worker speaking the lanes protocol (src/engine/lanes.ts) that never returns from one file (any path
// containing "endless"), for the watchdog test with a real thread. Progress layout as ProgressCell's:
// Int32 [request id (-1: idle), item index], Float64 at byte 8: epoch ms the item's step began.
const { parentPort, workerData } = require("node:worker_threads");

const ints = new Int32Array(workerData.progress, 0, 2);
const time = new Float64Array(workerData.progress, 8, 1);
parentPort.on("message", (msg) => {
  if (!msg.work) return;
  const results = msg.work.items.map((job, i) => {
    time[0] = Date.now();
    Atomics.store(ints, 1, i);
    Atomics.store(ints, 0, msg.id);
    if (job.rel.includes("endless")) for (;;);
    return {
      index: job.index,
      rel: job.rel,
      kind: job.kind,
      gitIgnored: false,
      notes: [],
      textOnly: false,
      suppressions: [],
      prefilteredOut: true,
      given: [],
      millis: { read: 0, facts: 0, prefilter: 0 },
    };
  });
  Atomics.store(ints, 0, -1);
  parentPort.postMessage({ id: msg.id, results });
});
