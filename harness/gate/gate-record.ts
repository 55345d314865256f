/**
 * gate.json, written into the new run's folder by `passk run --gate` after every look
 * (docs/records.md, "gate.json"): the base it was compared with, the rule, each look's
 * estimates and bounds, and why the gate stopped. Replaced atomically, so an interrupted
 * gate leaves the looks it made.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompareOptions } from '../analysis/compare-counts.js';
import type { GateLook, StopReason } from './gate-look.js';

export const GATE_SCHEMA = 'passk.gate/1';
const GATE_FILE = 'gate.json';

export type GateStop = StopReason | 'interrupted' | 'harness-fault';

export interface GateRecord {
  schema: typeof GATE_SCHEMA;
  base: { dir: string; model: string; config: string; n: number };
  new: { model: string; config: string };
  rule: { ks: number[]; margin: number; alpha: number; ignore_below: number; round: number; max_n: number; method: string };
  looks: Array<{
    n: number;
    overall: string;
    per_k: Array<{ k: number; difference: number; standard_error: number; lower_bound: number; upper_bound: number; verdict: string }>;
    skipped_ks: number[];
    at: string;
  }>;
  /** Null while the gate is still sampling. */
  stop: { reason: GateStop; n: number; samples_per_problem: number; fixed_n: number; share_of_fixed_n: number } | null;
}

export function lookRecord(look: GateLook): GateRecord['looks'][number] {
  const c = look.comparison;
  return {
    n: look.n,
    overall: c.decision.overall,
    per_k: c.decision.perK.map((d, i) => ({
      k: d.k,
      difference: c.results[i]!.meanDifference,
      standard_error: c.results[i]!.standardError,
      lower_bound: d.nonInferiority.lowerBound,
      upper_bound: d.regression.upperBound,
      verdict: d.verdict,
    })),
    skipped_ks: c.skipped.map((s) => s.k),
    at: new Date().toISOString(),
  };
}

export function ruleRecord(o: CompareOptions, round: number, maxN: number, method: string): GateRecord['rule'] {
  return { ks: [...o.ks], margin: o.margin, alpha: o.alpha, ignore_below: o.ignoreBelow, round, max_n: maxN, method };
}

export function writeGateRecord(dir: string, record: GateRecord): void {
  const path = join(dir, GATE_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
