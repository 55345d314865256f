/**
 * summary.json and `passk fit` report the same pass@k: for one run folder, at the same k,
 * bootstrap replicates, seed and level, the summary's values and intervals equal the
 * analysis points'. The bootstrap draws problem indices, so this also pins one problem
 * order: the task ids below are listed out of numeric order on purpose.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeRuns } from '../../harness/analysis/analyze-runs.js';
import { DEFAULT_FLOPS_CONVENTION } from '../../harness/metrics/flops.js';
import { mulberry32 } from '../../harness/metrics/random.js';
import { readRun } from '../../harness/store/run-files.js';
import { writeSyntheticRun } from '../support/synthetic-run.js';

const tmp = mkdtempSync(join(tmpdir(), 'passk-agree-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('summary.json and the analysis agree on pass@k', () => {
  it('same values and intervals at every k both report', async () => {
    const dir = join(tmp, 'run');
    const ids = ['T/10', 'T/2', 'T/1', 'T/33', 'T/4', 'T/0', 'T/20', 'T/3', 'T/100', 'T/11'];
    const rng = mulberry32(11);
    const outcomes = (n: (task: number) => number, p: number) =>
      ids.map((_, t) => Array.from({ length: n(t) }, () => rng() < (p * (1 + (t % 3))) / 2));
    const bootstrap = { replicates: 300, seed: 17, level: 0.9 };
    writeSyntheticRun({
      dir,
      taskIds: ids,
      ks: [1, 2, 3, 4, 5, 6, 7],
      bootstrap,
      groups: [
        { model: 'm', config: 'b', outcomes: outcomes(() => 6, 0.3) },
        // Unequal n: ks above the smallest n are null in the summary and absent from the analysis.
        { model: 'm', config: 'a', outcomes: outcomes((t) => 4 + (t % 4), 0.5) },
      ],
    });
    const run = await readRun(dir);
    const { analysis } = analyzeRuns([run], { convention: DEFAULT_FLOPS_CONVENTION, bootstrap, extrapolate: 1 });
    expect(analysis.groups).toHaveLength(2);
    for (const g of analysis.groups) {
      const summary = run.summary!.groups.find((s) => s.model === g.model && s.config === g.config)!;
      const reported = Object.entries(summary.pass_at_k).filter(([, v]) => v.value !== null);
      expect(reported.map(([k]) => Number(k))).toEqual(g.points.map((p) => p.k));
      for (const p of g.points) {
        expect(summary.pass_at_k[String(p.k)]).toEqual({ value: p.pass_at_k, ci_low: p.ci_low, ci_high: p.ci_high, reason: null });
      }
      expect(g.per_problem.map((t) => [t.task_id, t.n, t.c])).toEqual(Object.entries(summary.tasks).map(([id, t]) => [id, t.n, t.c]));
    }
  });
});
