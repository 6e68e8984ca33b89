// The table on stdout and the JSON document the bench writes.
import { cpus } from 'node:os';
import { execFileSync } from 'node:child_process';
import type { Measurement } from './scenarios.js';

export interface Machine {
  nproc: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryGb: number;
}

export function machine(): Machine {
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // nproc missing: os.cpus() is close enough
  }
  return { nproc, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}`, totalMemoryGb: Math.round(Number(execFileSync('node', ['-p', 'require("os").totalmem()'], { encoding: 'utf8' })) / 2 ** 30) };
}

const COLUMNS: { title: string; cell: (m: Measurement) => string }[] = [
  { title: 'scale', cell: (m) => `${Number(m.scale.toPrecision(2))}×` },
  { title: 'objects', cell: (m) => String(m.objects) },
  { title: 'operation', cell: (m) => m.operation },
  { title: 'requests', cell: (m) => String(m.requests) },
  { title: 'lower bound', cell: (m) => String(m.lowerBound) },
  { title: 'ratio', cell: (m) => m.ratio.toFixed(2) },
  { title: 'writes/changed', cell: (m) => (m.changed && m.writeLowerBound !== undefined ? (m.writes / m.changed).toFixed(2) : '') },
  { title: 'failed', cell: (m) => String(m.failedRequests) },
  { title: 'CPU s', cell: (m) => (m.cpuMs / 1000).toFixed(2) },
  { title: 'wall s', cell: (m) => (m.wallMs / 1000).toFixed(2) },
  { title: 'RSS MB', cell: (m) => m.maxRssMb.toFixed(0) },
  { title: '@200/min s', cell: (m) => String(m.modelledSeconds['200']) },
  { title: '@700/min s', cell: (m) => String(m.modelledSeconds['700']) },
  { title: '@2500/min s', cell: (m) => String(m.modelledSeconds['2500']) },
  { title: 'rate-limited: phase s / N×60/rate s (ratio) / window bound s', cell: (m) => (m.rateLimited ? `${m.rateLimited.requestPhaseSeconds} / ${m.rateLimited.boundSeconds} (${m.rateLimited.ratio.toFixed(2)}) / ${m.rateLimited.windowBoundSeconds}` : '') },
];

/** A Markdown table (it reads as a table on a terminal, and pastes into docs/benchmarks.md). */
export function table(measurements: readonly Measurement[]): string {
  const rows = measurements.map((m) => COLUMNS.map((c) => c.cell(m)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(COLUMNS.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
