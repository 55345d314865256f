/**
 * Writes a real run folder (manifest, samples.jsonl, summary.json through the run store)
 * from given outcomes and token counts, without executing anything: fast fixtures for
 * fit / plot / report / compare tests.
 */
import { cpus } from 'node:os';
import type { BootstrapOptions } from '../../harness/metrics/bootstrap.js';
import { summarizeRun } from '../../harness/pipeline/summarize.js';
import { MANIFEST_SCHEMA, manifestSchema, SAMPLE_SCHEMA, type SampleRecord } from '../../harness/store/records.js';
import { RunWriter } from '../../harness/store/run-writer.js';

interface SyntheticGroup {
  model: string;
  config: string;
  /** outcomes[task][index]: passed or not (failed); a string is a verdict. */
  outcomes: Array<Array<boolean | string>>;
  promptTokens?: number | ((task: number) => number) | null;
  completionTokens?: number | ((task: number, index: number) => number) | null;
  /** A request's latency (ms) and how many samples it carried; default: none recorded. */
  sampleMs?: number;
  requestSamples?: number;
  /** Each sample's program (default "x"). */
  program?: (task: number, index: number) => string;
}

export interface SyntheticRun {
  dir: string;
  benchmark?: string;
  dataSha256?: string | null;
  taskIds?: string[];
  groups: SyntheticGroup[];
  models?: Array<Record<string, unknown>>;
  /** The summary's ks (default: those every task supports) and bootstrap (default: B = 200, seed 0). */
  ks?: number[];
  bootstrap?: BootstrapOptions;
}

export function writeSyntheticRun(run: SyntheticRun): void {
  const taskCount = run.groups[0]!.outcomes.length;
  const ids = run.taskIds ?? Array.from({ length: taskCount }, (_, i) => `T/${i}`);
  const w = RunWriter.open(run.dir);
  const now = new Date(0).toISOString();
  // Parsed, so the schema's defaults fill what a synthetic run has no facts for (and keys
  // the schema does not know, such as `spec` or `identity` across its versions, drop out).
  const manifest = manifestSchema.parse({
    schema: MANIFEST_SCHEMA,
    passk_version: 'test',
    command: 'test',
    identity: null,
    benchmark: { name: run.benchmark ?? 'toy', data_path: null, data_sha256: run.dataSha256 ?? 'toy-sha', tasks: ids.length },
    models: run.models ?? run.groups.map((g) => ({ name: g.model, format: 'completion' })),
    sandbox: { executor: 'none', language: 'python', isolation: 'none (synthetic)', runtime: 'none' },
    seed: 0,
    status: 'complete',
    started_at: now,
    ended_at: now,
    host: { node: process.version, platform: process.platform, cpus: cpus().length },
  });
  const records: SampleRecord[] = [];
  for (const g of run.groups) {
    for (let t = 0; t < g.outcomes.length; t++) {
      g.outcomes[t]!.forEach((o, index) => {
        const verdict = typeof o === 'string' ? o : o ? 'passed' : 'failed';
        const prompt = typeof g.promptTokens === 'function' ? g.promptTokens(t) : (g.promptTokens ?? null);
        const completion = typeof g.completionTokens === 'function' ? g.completionTokens(t, index) : (g.completionTokens ?? null);
        records.push(
          w.append({
            schema: SAMPLE_SCHEMA,
            model: g.model,
            config: g.config,
            task_id: ids[t]!,
            index,
            format: 'completion',
            completion: 'x',
            program: g.program?.(t, index) ?? 'x',
            program_sha256: 'x',
            prompt_tokens: prompt,
            completion_tokens: completion,
            token_source: prompt === null ? 'none' : 'usage',
            verdict: verdict as 'passed',
            timings: { sample_ms: g.sampleMs ?? null, request_samples: g.requestSamples ?? null, rebuild_ms: null, execute_ms: 1 },
            recorded_at: now,
          }),
        );
      });
    }
  }
  w.writeManifest(manifest);
  const bootstrap = run.bootstrap ?? { replicates: 200, seed: 0, level: 0.95 };
  w.writeSummary(
    summarizeRun(records, {
      benchmark: manifest.benchmark.name,
      taskIds: ids,
      ...(run.ks ? { ks: run.ks } : {}),
      bootstrap,
      harnessFaults: 0,
      complete: true,
    }),
  );
  w.close();
}
