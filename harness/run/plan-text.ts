/** The plan of a run in a few lines (printed by --dry-run and at the start of a run). Pure. */
import type { RunDescription } from './run-description.js';

export function describePlan(run: RunDescription, out: string, toRun: number, recorded: number): string {
  const n = run.n === 'all' ? 'every sample in the file' : `n=${run.n}`;
  const total =
    run.n === 'all' ? `${toRun + recorded} samples` : `${run.tasks.length * run.models.length * run.configs.length * run.n} samples`;
  return [
    `run folder: ${out}`,
    `${run.benchmark.name}: ${run.tasks.length} tasks x ${run.models.length} models x ${run.configs.length} configs x ${n} = ${total}, ${recorded} recorded, ${toRun} to run`,
    `configs: ${run.configs.map((c) => c.name).join(', ')}`,
    ...run.models.map((m) => {
      const where = m.served ? ` "${m.served.model}" at ${m.served.endpoints.join(', ')}` : '';
      return `model ${m.name}: ${m.sampler.kind}${where}, format ${m.format ?? 'per sample'}`;
    }),
  ].join('\n');
}
