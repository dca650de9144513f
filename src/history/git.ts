/** Running git: short commands that return their output, and long ones streamed as NUL-separated records. */
import { execFile, spawn, type ChildProcess } from "node:child_process";

/** Output of a short git command, or undefined when it fails. */
export function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("git", args, { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024, windowsHide: true }, (err, stdout) =>
      resolve(err ? undefined : stdout),
    );
  });
}

/**
 * Stream a git command's output as NUL-separated tokens. `onToken` returns false to stop early (the
 * process is then killed). Resolves with whether the stream ran to its end.
 */
export function streamTokens(
  cwd: string,
  args: string[],
  onToken: (token: string) => boolean,
): Promise<{ complete: boolean; error?: string }> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    let rest = "";
    let stopped = false;
    let stderr = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      if (stopped) return;
      const parts = (rest + chunk).split("\0");
      rest = parts.pop()!;
      for (const part of parts) {
        if (!onToken(part)) {
          stopped = true;
          child.kill();
          return;
        }
      }
    });
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (s: string) => {
      if (stderr.length < 4000) stderr += s;
    });
    child.on("error", (err) => resolve({ complete: false, error: err.message }));
    child.on("close", (code) => {
      if (!stopped && rest) onToken(rest);
      if (stopped) resolve({ complete: false });
      else if (code !== 0)
        resolve({ complete: false, error: stderr.trim().split("\n")[0] || `git exited with ${code}` });
      else resolve({ complete: true });
    });
  });
}
