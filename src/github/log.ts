/**
 * Log lines that cannot be workflow commands. The runner reads every line a step prints: a line that
 * starts with `::` (after leading white space) is a command (`::error::`, `::add-mask::`,
 * `::stop-commands::`…), and the legacy `##[command]` form is recognised anywhere in a line. The
 * runner splits lines at "\n" and at a lone "\r". Text from the scanned tree (file names, messages
 * quoting identifiers, git's and GitHub's error text) must never produce such a line, or a pull
 * request could raise fake annotations, mask or unmask values, or stop command processing.
 *
 * Two layers: every line is neutralised (a zero-width space breaks `::` at its start and every
 * `##[`, invisibly), and long blocks of scanned text (the report) are also printed between
 * `::stop-commands::<random token>` and `::<token>::`, as the toolkit documents, so nothing inside
 * them is processed even if a parser we do not know of accepted something else.
 */
import { randomBytes } from "node:crypto";

const ZWSP = "\u200b";
// .NET's TrimStart removes every Unicode white space character, NEL (U+0085) included, which \s lacks.
const COMMAND_START = /^([\s\u0085]*):(?=:)/;

/** One physical line made harmless. */
function neutralizeLine(line: string): string {
  return line.replace(COMMAND_START, `$1:${ZWSP}`).replaceAll("##[", `#${ZWSP}#[`);
}

/** `text` with no line that the runner would read as a workflow command. */
export function neutralizeCommands(text: string): string {
  // Split keeping the separators, so CRLF, LF and lone CR survive unchanged around each line.
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 ? part : neutralizeLine(part)))
    .join("");
}

/** Lines of JSON whose strings may hold `##[`: escaped as `#\u0023[`, which parses to the same text. */
export function neutralizeJson(json: string): string {
  return json.replaceAll("##[", "#\\u0023[");
}

export interface LogSink {
  info(message: string): void;
}

/** Print `text` (scanned content) with commands stopped around it and every line neutralised. */
export function logBlock(sink: LogSink, text: string): void {
  const token = randomBytes(16).toString("hex");
  sink.info(`::stop-commands::${token}`);
  sink.info(neutralizeCommands(text.replace(/\n$/, "")));
  sink.info(`::${token}::`);
}
