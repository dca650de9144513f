/** SARIF `fixes` for planned fixes: each fix's own edits as replacements in the file as scanned. */
import type * as Sarif from "sarif";
import { LineIndex } from "../engine/text";
import { fileUri, fixKey, SRCROOT } from "../sarif/build";
import type { FixPlan } from "./plan";

/** The `fixes` of each fixed finding by `fixKey`, for `buildSarif`. */
export function sarifFixes(plan: FixPlan): Map<string, Sarif.Fix[]> {
  const out = new Map<string, Sarif.Fix[]>();
  const indexes = new Map<string, LineIndex>();
  for (const [finding, { fix, file }] of plan.byFinding) {
    let lines = indexes.get(file.file);
    if (!lines) indexes.set(file.file, (lines = new LineIndex(file.before)));
    const index = lines;
    const r = finding.location.range;
    const key = fixKey({ ...finding, file: finding.location.file, startLine: r.startLine, startColumn: r.startColumn });
    out.set(key, [
      {
        description: { text: fix.note ? `${fix.description} ${fix.note}` : fix.description },
        artifactChanges: [
          {
            artifactLocation: { uri: fileUri(file.file), uriBaseId: SRCROOT },
            replacements: fix.edits.map((e) => {
              // An empty region (start = end) is an insertion point.
              const r = index.range(e.start, e.end);
              return {
                deletedRegion: {
                  startLine: r.startLine,
                  startColumn: r.startColumn,
                  endLine: r.endLine,
                  endColumn: r.endColumn,
                },
                insertedContent: { text: e.text },
              };
            }),
          },
        ],
      },
    ]);
  }
  return out;
}
