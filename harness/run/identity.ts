/**
 * A run's identity (what changes its records; resuming compares it), what its manifest says
 * about each model, and the default run folder: one shape and one rule for every command.
 */
import { basename, join } from 'node:path';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { sha256 } from '../../kernel/hash.js';
import { DEFAULT_TYPESCRIPT_MODE } from '../../sandbox/javascript/typescript-mode.js';
import type { SamplerFacts } from '../samplers/sampler.js';
import type { ModelProvenance, RunIdentity } from '../store/records.js';
import type { RunDescription } from './run-description.js';

export function runIdentity(run: RunDescription, facts: readonly SamplerFacts[]): RunIdentity {
  const e = run.execution;
  return {
    benchmark: run.benchmark.name,
    tasks: run.selection.tasks,
    limit: run.selection.limit,
    original_asserts: run.selection.originalAsserts,
    instructions: run.instructions?.sha256 ?? null,
    models: run.models.map((m, i) => ({
      name: m.name,
      sampler: m.sampler.kind,
      format: m.format ?? 'per-sample',
      // Offline back-ends are sent no prompt: their template changes nothing.
      prompt_style: m.sampler.offline ? null : m.prompting.style,
      prompt_template: m.sampler.offline ? null : m.template,
      system_prompt: m.prompting.system,
      think_markers: m.prompting.think ? [m.prompting.think.open, m.prompting.think.close] : [],
      model: m.served?.model ?? null,
      api: m.served?.api ?? null,
      stop: m.served?.stop ?? [],
      include_stop_str_in_output: m.served?.includeStopStrInOutput ?? false,
      extra_body: m.served?.extraBody ?? null,
      samples_sha256: typeof facts[i]?.sha256 === 'string' ? facts[i].sha256 : null,
      simulation: m.simulation,
    })),
    configs: run.configs,
    seed: run.seed,
    execution: {
      executor: e.executor,
      timeout_ms: e.limits.timeoutMs,
      memory_mb: e.limits.memoryMb,
      timeout_from_reference: e.timeoutFromReference,
      // Only when set: a run under the default rule keeps the identity (and folder) it had before the rule existed.
      ...(e.timeLimitPerInput ? { time_limit_per_input: e.timeLimitPerInput } : {}),
      ...(e.timeFactor ? { time_factor: e.timeFactor } : {}),
      ...(e.limits.allTests ? { all_tests: true } : {}),
      confirm_timeouts: e.confirmTimeouts,
      editseq: { mode: e.editseq.mode, malformed: e.editseq.malformed },
      // Only for TypeScript tasks: the other runs keep the identity (and folder) they had before the mode existed.
      ...(run.tasks.some((t) => t.language === 'typescript') ? { typescript: e.typescript ?? DEFAULT_TYPESCRIPT_MODE } : {}),
      ...(e.python ? { python: e.python } : {}),
    },
    ...(run.judgeable ? { only_judgeable: run.judgeable.sha256 } : {}),
  };
}

/** What the manifest records about each model: facts, not identity. */
export function modelProvenance(run: RunDescription, facts: readonly SamplerFacts[]): ModelProvenance[] {
  return run.models.map((m, i) => ({
    name: m.name,
    format: m.format,
    prompt_style: m.sampler.offline ? null : m.prompting.style,
    sampler: facts[i] ?? { kind: m.sampler.kind },
    prompt_template: m.template,
    token_counts: m.tokenCounts,
    architecture: m.architecture,
    simulated: m.simulated,
  }));
}

/** A name safe in a folder name: a sample file's base name without .jsonl(.gz). */
export function folderLabel(text: string): string {
  return basename(text)
    .replace(/\.jsonl(\.gz)?$/, '')
    .replace(/[^\w.-]+/g, '_');
}

/** results/<benchmark>-<label>-<hash of identity and data>[-shardIofN]: the same command resumes the same folder. */
export function defaultRunFolder(run: RunDescription, identity: RunIdentity): string {
  const hash = sha256(canonicalJson({ identity, data: run.benchmark.dataSha256 })).slice(0, 8);
  // A shard's folder sits beside its siblings': the same name, and which shard.
  const shard = run.shard ? `-shard${run.shard.index}of${run.shard.count}` : '';
  return join('results', `${run.benchmark.name}-${folderLabel(run.label)}-${hash}${shard}`);
}
