/** Where a run came from, for reports: versions, dataset hash, sandbox, models, status. Pure. */
import type { RunData } from '../store/run-files.js';

export interface RunProvenance {
  dir: string;
  passk_version: string;
  command: string;
  benchmark: string;
  data_path: string | null;
  data_sha256: string | null;
  tasks: number;
  status: string;
  started_at: string;
  ended_at: string | null;
  seed: number | null;
  sandbox: string;
  models: Array<{ name: string; simulated: boolean; format: string | null; architecture_source: string | null }>;
  harness_faults: number;
  host: string;
  /** --only-judgeable: how many tasks were scored, from which table, and those excluded with why; null: every task. */
  judgeable: string | null;
  /** The Python interpreter and the benchmark's library versions; null when not recorded. */
  python_environment: string | null;
}

function hfConfigSource(config: unknown): string | null {
  if (typeof config !== 'object' || config === null) return null;
  const type = (config as Record<string, unknown>).model_type;
  return `hf_config${typeof type === 'string' ? ` (${type})` : ''}`;
}

function judgeableText(j: RunData['manifest']['benchmark']['judgeable']): string | null {
  if (!j) return null;
  const excluded = j.excluded.map((x) => `${x.task_id} (${x.status}${x.detail ? `: ${x.detail.slice(0, 80)}` : ''})`);
  return `${j.judged} of ${j.judged + j.excluded.length} tasks scored (reference check ${j.file}); excluded: ${excluded.join('; ') || 'none'}`;
}

function environmentText(env: RunData['manifest']['sandbox']['python_environment']): string | null {
  if (!env) return null;
  const libraries = Object.entries(env.libraries).map(([name, v]) => `${name} ${v ?? '(not installed)'}`);
  return `Python ${env.version} (${env.executable}): ${libraries.join(', ')}`;
}

export function provenance(run: RunData): RunProvenance {
  const m = run.manifest;
  const sb = m.sandbox as Record<string, unknown>;
  const sandbox = [sb.executor, sb.isolation, sb.runtime].filter((v) => typeof v === 'string' && v !== '').join('; ');
  return {
    dir: run.dir,
    passk_version: m.passk_version,
    command: m.command,
    benchmark: m.benchmark.name,
    data_path: m.benchmark.data_path,
    data_sha256: m.benchmark.data_sha256,
    tasks: m.benchmark.tasks,
    status: m.status,
    started_at: m.started_at,
    ended_at: m.ended_at,
    seed: m.seed,
    sandbox: sandbox || JSON.stringify(sb),
    models: m.models.map((entry) => {
      const arch = entry.architecture as Record<string, unknown> | undefined;
      return {
        name: String(entry.name ?? '?'),
        simulated: entry.simulated === true,
        format: typeof entry.format === 'string' ? entry.format : null,
        architecture_source: typeof arch?.source === 'string' ? arch.source : arch ? 'explicit numbers' : hfConfigSource(entry.hf_config),
      };
    }),
    harness_faults: m.harness_faults.count,
    judgeable: judgeableText(m.benchmark.judgeable),
    python_environment: environmentText(m.sandbox.python_environment),
    host: `node ${m.host.node}, ${m.host.platform}, ${m.host.cpus} CPUs`,
  };
}
