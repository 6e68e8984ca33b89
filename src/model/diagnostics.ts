/**
 * Diagnostics are values: every check returns them, nothing throws for a user mistake.
 * They become text and an exit code only at the CLI edge (see render.ts).
 */
export type Severity = 'error' | 'warning';

export interface SourceLocation {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable machine name of the check, e.g. `schema`, `automation-time-condition`. */
  code: string;
  /** One line: what is wrong. */
  summary: string;
  /** What would be right, or Zendesk's own words. */
  detail?: string;
  /** The object concerned, e.g. `triggers/Notify requester`. */
  address?: string;
  source?: SourceLocation;
}

export function error(code: string, summary: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'error', code, summary, ...extra };
}

export function warning(code: string, summary: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'warning', code, summary, ...extra };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorted by file, line, column, so output is stable whatever order the checks ran in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.source?.file ?? '').localeCompare(b.source?.file ?? '') ||
      (a.source?.line ?? 0) - (b.source?.line ?? 0) ||
      (a.source?.column ?? 0) - (b.source?.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.source ? `${d.source.file}:${d.source.line}:${d.source.column}: ` : '';
  const what = d.address ? ` (${d.address})` : '';
  const head = `${where}${d.severity}: ${d.summary}${what} [${d.code}]`;
  return d.detail ? `${head}\n  ${d.detail.split('\n').join('\n  ')}` : head;
}
