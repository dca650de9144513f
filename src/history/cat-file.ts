/**
 * Reading many blobs through one `git cat-file --batch` process: requests are written as object ids,
 * answers come back in order as `<id> blob <size>\n<content>\n`. Several requests are kept in flight
 * so git never waits for us.
 */
import type { ChildProcess } from "node:child_process";
import { gitSpawn } from "../git/run";

interface Pending {
  resolve: (content: Buffer | undefined) => void;
}

export class BlobReader {
  private readonly child: ChildProcess;
  private chunks: Buffer[] = [];
  private length = 0;
  private readonly pending: Pending[] = [];
  private failed: Error | undefined;
  /** Bytes the answer at the head of the queue needs; no work until that many have arrived. */
  private need = 0;

  private readonly timer: NodeJS.Timeout;

  /** `timeoutMs`: git is killed after this long, and reads still pending resolve to undefined. */
  constructor(cwd: string, timeoutMs: number) {
    this.child = gitSpawn(cwd, ["cat-file", "--batch"], ["pipe", "pipe", "ignore"]);
    this.timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    this.timer.unref();
    this.child.stdout!.on("data", (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.length += chunk.length;
      if (this.length >= this.need) this.drain();
    });
    const fail = (err: Error) => {
      this.failed = err;
      for (const p of this.pending.splice(0)) p.resolve(undefined);
    };
    this.child.on("error", fail);
    this.child.on("close", () => fail(new Error("git cat-file ended")));
    this.child.stdin!.on("error", () => undefined);
  }

  /** The blob's content, or undefined when it is missing or git failed. */
  read(id: string): Promise<Buffer | undefined> {
    if (this.failed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.pending.push({ resolve });
      this.child.stdin!.write(id + "\n");
    });
  }

  close(): void {
    clearTimeout(this.timer);
    this.child.stdin!.end();
    this.child.kill();
  }

  private buffer(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(n: number): void {
    const buf = this.buffer();
    const rest = buf.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
  }

  private drain(): void {
    while (this.pending.length && this.length > 0) {
      const buf = this.buffer();
      const nl = buf.indexOf(10);
      if (nl === -1) return;
      const header = buf.subarray(0, nl).toString("latin1");
      const parts = header.split(" ");
      if (parts[1] === "missing" || parts.length < 3) {
        this.consume(nl + 1);
        this.pending.shift()!.resolve(undefined);
        continue;
      }
      const size = Number(parts[2]);
      if (buf.length < nl + 1 + size + 1) {
        this.need = nl + 1 + size + 1;
        return;
      }
      this.need = 0;
      const content = Buffer.from(buf.subarray(nl + 1, nl + 1 + size));
      this.consume(nl + 1 + size + 1);
      this.pending.shift()!.resolve(content);
    }
  }
}
