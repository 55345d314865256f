/**
 * Ending a run: summary.json from every record in the folder (those of earlier, interrupted
 * invocations included), with n@k for a stdin/stdout run (computed from all of them too, so a
 * resumed run gets the same figures), and the final manifest status; or, when the run failed,
 * the manifest says so and keeps what was recorded.
 */
import { summarizeRun } from '../pipeline/summarize.js';
import type { OpenedRun } from '../store/open-run.js';
import type { Manifest, SampleRecord, Summary } from '../store/records.js';
import { readSamples } from '../store/run-files.js';
import type { Selection } from '../selection/select-run.js';
import { withSelection } from '../selection/summary-selection.js';
import { summaryBootstrap, type RunDescription } from './run-description.js';

const faultFacts = (faults: readonly string[]) => ({ count: faults.length, examples: faults.slice(-5) });

/** What the run learned about itself as it went (the reference cache's use), for the final manifest. */
type RunFacts = Pick<Manifest, 'reference_cache' | 'endpoints'>;

/** n@k for a stdin/stdout run's samples (runner.ts), or null where the run has none. */
export type SelectStep = (samples: readonly SampleRecord[], ks: readonly number[]) => Promise<Selection | null>;

export function closeFailedRun(opened: OpenedRun, faults: readonly string[], facts: RunFacts = {}): void {
  opened.writer.writeManifest({
    ...opened.manifest,
    ...facts,
    status: 'failed',
    ended_at: new Date().toISOString(),
    harness_faults: faultFacts(faults),
  });
  opened.writer.close();
}

export async function finishRun(
  run: RunDescription,
  out: string,
  opened: OpenedRun,
  faults: readonly string[],
  interrupted: boolean,
  facts: RunFacts = {},
  select: SelectStep | null = null,
): Promise<{ summary: Summary; manifest: Manifest }> {
  const all = (await readSamples(out)).samples;
  let summary = summarizeRun(all, {
    benchmark: run.benchmark.name,
    taskIds: run.tasks.map((t) => t.id),
    ...(run.ks ? { ks: run.ks } : {}),
    bootstrap: summaryBootstrap(run),
    harnessFaults: faults.length,
    complete: !interrupted && faults.length === 0,
  });
  if (run.judgeable) {
    summary.judgeable = {
      file: run.judgeable.file,
      judged: run.tasks.length,
      excluded: run.judgeable.excluded.map((x) => ({ task_id: x.task_id, status: x.status })),
    };
  }
  // Not after an interrupt: clustering runs programs again, and the user asked to stop.
  const selection = select && !interrupted ? await select(all, summary.ks) : null;
  if (selection) summary = withSelection(summary, selection);
  opened.writer.writeSummary(summary);
  const manifest: Manifest = {
    ...opened.manifest,
    ...facts,
    status: interrupted ? 'interrupted' : faults.length ? 'failed' : 'complete',
    ended_at: new Date().toISOString(),
    harness_faults: faultFacts(faults),
  };
  opened.writer.writeManifest(manifest);
  opened.writer.close();
  return { summary, manifest };
}
