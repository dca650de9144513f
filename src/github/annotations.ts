/**
 * Annotations on the finding lines. GitHub shows at most 10 annotations of each type per step (and
 * 50 per job), so every annotation this step makes is counted here, the most severe findings go
 * first (those on a pull request's changed lines before the rest), and one notice says how many more
 * findings are in the summary and the SARIF file.
 */
import type { AnnotationProperties } from "@actions/core";
import { ruleById, severityOf } from "../rules/index";
import { SEVERITIES, type Finding, type Severity } from "../engine/types";
import type { ChangedLines } from "./diff";

export type AnnotationType = "error" | "warning" | "notice";

/** Shown per type and step. */
export const ANNOTATION_LIMIT = 10;

export interface AnnotationSink {
  error(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  notice(message: string, properties?: AnnotationProperties): void;
}

/** Every annotation of the step goes through here: scrubbed of secrets and counted. */
export class Annotations {
  readonly used: Record<AnnotationType, number> = { error: 0, warning: 0, notice: 0 };

  constructor(
    private readonly sink: AnnotationSink,
    /** Called on every message and title (the Action's scrubber follows the scan's secret registry). */
    private readonly scrub: (text: string) => string,
  ) {}

  emit(type: AnnotationType, message: string, properties?: AnnotationProperties): void {
    this.used[type]++;
    const props = properties?.title ? { ...properties, title: this.scrub(properties.title) } : properties;
    this.sink[type](this.scrub(message), props);
  }

  /** Slots of `type` left, keeping `reserve` for messages still to come. */
  left(type: AnnotationType, reserve = 0): number {
    return Math.max(0, ANNOTATION_LIMIT - this.used[type] - reserve);
  }
}

export function annotationType(severity: Severity): AnnotationType {
  return severity === "critical" || severity === "high" ? "error" : severity === "medium" ? "warning" : "notice";
}

export interface PlannedAnnotation {
  type: AnnotationType;
  message: string;
  properties: AnnotationProperties;
}

/**
 * Which findings to annotate within `slots` per type: open findings only, most severe first (then
 * higher confidence, then by file and line). In a pull request whose changed lines are known, the
 * findings on those lines go before the rest. Returns them and how many open findings were left out.
 */
export function planAnnotations(
  findings: readonly Finding[],
  slots: Record<AnnotationType, number>,
  changed?: ChangedLines,
): { planned: PlannedAnnotation[]; omitted: number } {
  const confidence = { high: 0, medium: 1, low: 2 } as const;
  const touched = (f: Finding) =>
    changed?.touches(f.location.file, f.location.range.startLine, f.location.range.endLine) ? 0 : 1;
  const open = findings
    .filter((f) => !f.suppressed)
    .map((f, i) => ({ f, i, sev: SEVERITIES.indexOf(severityOf(f)), away: touched(f) }))
    .sort(
      (a, b) =>
        a.away - b.away || a.sev - b.sev || confidence[a.f.confidence] - confidence[b.f.confidence] || a.i - b.i,
    );
  const left = { ...slots };
  const planned: PlannedAnnotation[] = [];
  for (const { f } of open) {
    const severity = severityOf(f);
    const type = annotationType(severity);
    if (left[type] <= 0) continue;
    left[type]--;
    planned.push({
      type,
      message: f.message,
      properties: locate(f, `${ruleById(f.rule).title} (${severity}) · ${f.rule}/${f.check}`),
    });
  }
  return { planned, omitted: open.length - planned.length };
}

function locate(f: Finding, title: string): AnnotationProperties {
  const r = f.location.range;
  const props: AnnotationProperties = { title, file: f.location.file, startLine: r.startLine, endLine: r.endLine };
  // GitHub uses columns only on single-line annotations.
  if (r.startLine === r.endLine) {
    props.startColumn = r.startColumn;
    props.endColumn = r.endColumn;
  }
  return props;
}

/**
 * Annotate the findings with the slots left. `reserve` holds back slots for annotations still to
 * come (the failure message is an error annotation). Returns how many findings were not annotated.
 */
export function annotateFindings(
  findings: readonly Finding[],
  annotations: Annotations,
  reserve: Partial<Record<AnnotationType, number>>,
  where: string,
  changed?: ChangedLines,
): number {
  const slots = (r: number): Record<AnnotationType, number> => ({
    error: annotations.left("error", reserve.error ?? 0),
    warning: annotations.left("warning", reserve.warning ?? 0),
    notice: annotations.left("notice", (reserve.notice ?? 0) + r),
  });
  let plan = planAnnotations(findings, slots(0), changed);
  // The closing notice needs a notice slot of its own: plan again with one held back.
  if (plan.omitted > 0) plan = planAnnotations(findings, slots(1), changed);
  for (const a of plan.planned) annotations.emit(a.type, a.message, a.properties);
  if (plan.omitted > 0) {
    const total = findings.filter((f) => !f.suppressed).length;
    annotations.emit(
      "notice",
      `${plan.omitted} more finding${plan.omitted === 1 ? " is" : "s are"} not annotated (GitHub shows at most ${ANNOTATION_LIMIT} annotations of each type per step). All ${total} are in the job summary and in ${where}.`,
      { title: "upstash-scan found more" },
    );
  }
  return plan.omitted;
}
