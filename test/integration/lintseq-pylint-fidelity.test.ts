/**
 * Linter fidelity (acceptance): over 2,000 random deletion states of HumanEval canonical
 * programs, passk's Python linter and pylint (E and F messages plus W0311 and W0231, as
 * LintSeq's reference counts them) agree on clean versus dirty in at least 97% of states;
 * the kinds of disagreement are printed.
 *
 * pylint needs about 10 ms of CPU per state, so its answers are recorded
 * (test/fixtures/editseq/pylint-states.json, by record-pylint.ts with Debian's pylint
 * 2.16) and the comparison runs everywhere. Where pylint is installed, a second test checks
 * a sample of the recording against the live pylint; where it is not, that test skips with
 * a message, or fails with PASSK_REQUIRE_ALL=1 (test/support/required-tools.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLintseqBatch } from '../../harness/lintseq/batch/run-batch.js';
import { reconstruct } from '../../harness/rebuild/reconstruct.js';
import { normalizeProgram } from '../../harness/lintseq/forward.js';
import { PylintLinter, PythonLinter, pylintAvailable, pythonCommand } from '../../harness/lintseq/linters/python.js';
import type { LintIssue } from '../../harness/lintseq/linters/types.js';
import { seededRandom } from '../../harness/lintseq/rng.js';
import { FIDELITY_DATASET, fidelityStates, stateHash } from '../fixtures/editseq/fidelity-states.js';
import { skipWithoutDatasets } from '../support/datasets.js';
import { skipWithoutTool } from '../support/required-tools.js';

interface Recorded {
  hash: string;
  lines: number[];
  codes: string[];
}
const recording: { pylint: string; states: Recorded[] } = JSON.parse(
  readFileSync(new URL('../fixtures/editseq/pylint-states.json', import.meta.url), 'utf8'),
);
const lineSet = (issues: LintIssue[]) => [...new Set(issues.map((i) => i.line))].sort((a, b) => a - b);
const closers: Array<{ close(): Promise<void> }> = [];
afterAll(() => Promise.all(closers.map((c) => c.close())));

describe('Python linter fidelity to pylint', () => {
  it.skipIf(skipWithoutDatasets(FIDELITY_DATASET))(
    'agrees with pylint on clean vs dirty for >= 97% of 2,000 HumanEval deletion states',
    async () => {
      const states = await fidelityStates();
      expect(states.map(stateHash)).toEqual(recording.states.map((s) => s.hash)); // the recording matches these states
      const passk = new PythonLinter();
      closers.push(passk);
      const ours = await Promise.all(states.map((s) => passk.lint(s)));
      let agree = 0;
      let sameLines = 0;
      const disagreements = new Map<string, number>();
      ours.forEach((issues, i) => {
        const theirs = recording.states[i]!;
        if (issues.length > 0 === theirs.lines.length > 0) {
          agree++;
          if (lineSet(issues).join() === theirs.lines.join()) sameLines++;
        } else {
          const key =
            issues.length > 0
              ? `passk only: ${[...new Set(issues.map((x) => x.code))].sort().join('+')}`
              : `pylint only: ${theirs.codes.join('+')}`;
          disagreements.set(key, (disagreements.get(key) ?? 0) + 1);
        }
      });
      const dirty = recording.states.filter((s) => s.lines.length > 0).length;
      const rate = agree / states.length;
      console.log(
        `pylint fidelity (${recording.pylint.split(';')[0]}): ${agree}/${states.length} agree (${(100 * rate).toFixed(2)}%), ` +
          `${dirty} dirty by pylint, same flagged lines in ${sameLines}; disagreements: ${JSON.stringify(Object.fromEntries(disagreements))}`,
      );
      expect(dirty).toBeGreaterThan(400); // the sample really mixes clean and dirty states
      expect(dirty).toBeLessThan(1600);
      expect(rate).toBeGreaterThanOrEqual(0.97);
    },
  );

  it.skipIf(skipWithoutDatasets(FIDELITY_DATASET))(
    'the recording matches the installed pylint (a sample of 100 states, live)',
    { timeout: 180_000 },
    async (ctx) => {
      if (!pylintAvailable()) skipWithoutTool(ctx, 'pylint', `\`${pythonCommand()} -c 'import pylint'\` fails`);
      const states = await fidelityStates();
      const random = seededRandom('live-sample');
      const sample = Array.from({ length: 100 }, () => Math.floor(random() * states.length));
      const linters = [new PylintLinter(), new PylintLinter()];
      closers.push(...linters);
      const live = await Promise.all(sample.map((k, j) => linters[j % 2]!.lint(states[k]!)));
      const mismatched = sample.filter((k, j) => lineSet(live[j]!).join() !== recording.states[k]!.lines.join());
      expect(mismatched, `pylint now answers differently; re-record with npx tsx test/fixtures/editseq/record-pylint.ts`).toEqual([]);
    },
  );

  it('passk lintseq --linter pylint runs the real pylint, or says it is missing', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passk-lintseq-pylint-'));
    const programs = ['def add(a, b):\n    total = a + b\n    return total\n', 'import math\n\n\ndef root(x):\n    return math.sqrt(x)\n'];
    const input = join(dir, 'in.jsonl');
    writeFileSync(input, programs.map((code) => JSON.stringify({ code })).join('\n'));
    const options = {
      input,
      field: 'code',
      paths: 1,
      seed: 1,
      language: 'python' as const,
      linter: 'pylint' as const,
      out: join(dir, 'out.jsonl'),
      jobs: 1,
    };
    if (!pylintAvailable()) {
      await expect(runLintseqBatch(options)).rejects.toThrow(/pylint is not installed/);
      return;
    }
    expect((await runLintseqBatch(options)).written).toBe(2);
    const lines = readFileSync(options.out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { edit_path: string[] });
    const rebuilt = lines.map((l) => reconstruct(l.edit_path.join('\n<|diff|>'), { mode: 'strict', malformed: 'penalize' }));
    expect(rebuilt.map((r) => r.ok && r.program)).toEqual(programs.map(normalizeProgram));
    expect(lines[0]!.edit_path.length).toBeGreaterThan(1);
  });
});
