/**
 * `passk run SPEC --gate BASE_RUN`: sample the new model in rounds and stop as soon as the
 * comparison with the base run is decided (docs/formulas.md section 5, "The gate"). Each
 * round runs the one runner again on the same folder with a larger n (a resumed run only
 * samples what is missing, and n is not part of a run's identity: docs/architecture.md,
 * "Resuming"), then looks: the new counts against the base's, decided with confidence
 * sequences fixed before the first look. gate.json records every look and why it stopped.
 * Printing is the caller's (`onLook`).
 */
import { PasskError } from '../../kernel/errors.js';
import type { CompareOptions } from '../analysis/compare-counts.js';
import { checkSameProblems, pickGroup } from '../analysis/compare-runs.js';
import { groupsOfRun, type GroupData } from '../analysis/group-data.js';
import type { RunConfig } from '../run-config/schema.js';
import type { RunResult } from '../run/runner.js';
import { readRun, type RunData } from '../store/run-files.js';
import { gateLook, gateShapes, type GateLook } from './gate-look.js';
import { GATE_SCHEMA, lookRecord, ruleRecord, writeGateRecord, type GateRecord, type GateStop } from './gate-record.js';

export interface GateSettings {
  base: string;
  /** Samples per problem added per round; null: max(2, ceil(n / 10)). */
  round: number | null;
  compare: CompareOptions;
}

export interface GateHooks {
  /** Runs (or resumes) the run with this config; null when it was a dry run. */
  runRound: (config: RunConfig) => Promise<{ out: string; result: RunResult }>;
  onLook: (look: GateLook, record: GateRecord) => void;
}

export interface GateOutcome {
  out: string;
  record: GateRecord;
  last: GateLook | null;
  base: RunData;
  baseGroup: GroupData;
  newGroup: GroupData | null;
  /** The last round's run result (for its faults and interruption). */
  result: RunResult;
}

function defaultRound(maxN: number): number {
  return Math.max(2, Math.ceil(maxN / 10));
}

export async function runGate(config: RunConfig, settings: GateSettings, hooks: GateHooks): Promise<GateOutcome> {
  if (config.n === 'all') throw new PasskError('E_CONFIG', '--gate needs a number of samples per problem, not n: all', '--n');
  const maxN = config.n;
  const round = settings.round ?? defaultRound(maxN);
  const base = await readRun(settings.base);
  let baseGroup: GroupData | null = null;
  let record: GateRecord | null = null;
  let shapes: ReturnType<typeof gateShapes> | null = null;
  let last: GateLook | null = null;
  for (let n = Math.min(round, maxN); ; n = Math.min(maxN, n + round)) {
    const { out, result } = await hooks.runRound({ ...config, n });
    const next = await readRun(out);
    const groups = groupsOfRun(next);
    if (groups.length !== 1)
      throw new PasskError('E_CONFIG', `--gate compares one model and one sampling config; this run holds ${groups.length} groups`, out);
    const newGroup = groups[0]!;
    if (!baseGroup) {
      const all = groupsOfRun(base);
      baseGroup = all.length === 1 ? all[0]! : pickGroup(base, 'base', { model: newGroup.model, config: newGroup.config });
      checkSameProblems(base, next, baseGroup, newGroup);
      const baseN = Math.min(...baseGroup.counts.map((c) => c.n));
      if (baseN === 0) throw new PasskError('E_COMPARE', 'the base run has a task without samples; finish it first', base.dir);
      shapes = gateShapes(baseGroup.counts, maxN, settings.compare.ks, settings.compare.alpha);
      record = {
        schema: GATE_SCHEMA,
        base: { dir: base.dir, model: baseGroup.model, config: baseGroup.config, n: baseN },
        new: { model: newGroup.model, config: newGroup.config },
        rule: ruleRecord(settings.compare, round, maxN, [...new Set([...shapes.values()].map((s) => s.method.split(',')[0]!))].join('; ')),
        looks: [],
        stop: null,
      };
    }
    const stopWith = (reason: GateStop, at: number) => {
      record!.stop = { reason, n: at, samples_per_problem: at, fixed_n: maxN, share_of_fixed_n: at / maxN };
    };
    if (result.interrupted || result.faults.length > 0) {
      stopWith(result.interrupted ? 'interrupted' : 'harness-fault', last?.n ?? 0);
      writeGateRecord(out, record!);
      return { out, record: record!, last, base, baseGroup, newGroup, result };
    }
    const look = gateLook(baseGroup.counts, newGroup.counts, settings.compare, shapes!, maxN);
    last = look;
    record!.looks.push(lookRecord(look));
    if (look.stop) stopWith(look.stop, look.n);
    writeGateRecord(out, record!);
    hooks.onLook(look, record!);
    if (look.stop) return { out, record: record!, last, base, baseGroup, newGroup, result };
  }
}
