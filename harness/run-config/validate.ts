/**
 * Validating a raw run config (file + overrides): the schema first, then the rules that relate
 * fields (a served model needs endpoints and a model id, a replay needs its file, names
 * are unique, templates use known placeholders). All problems are reported at once, each
 * naming the field, where it was set and what was expected; nothing is contacted before.
 */
import { templateProblems } from '../samplers/prompt.js';
import { expandGrid, type SamplingGrid } from '../samplers/grid.js';
import { knownKeysAt } from './fields.js';
import { issuesFromZod, configError, type Locate, type ConfigIssue, type ConfigPath } from './issues.js';
import { runConfigSchema, type ModelConfig, type RunConfig } from './schema.js';

export function modelName(m: Pick<ModelConfig, 'name' | 'model' | 'sampler' | 'format'>): string {
  return m.name ?? m.model?.split('/').pop() ?? `${m.sampler}-${m.format ?? 'per-sample'}`;
}

/** The API a served model is asked through: as set, else chat for the chat prompt style. */
export function modelApi(m: Pick<ModelConfig, 'api' | 'prompt_style'>): 'completions' | 'chat' {
  return m.api ?? (m.prompt_style === 'chat' ? 'chat' : 'completions');
}

/** The rules relating a model's prompt style to its other fields (samplers/prompt-style.ts). */
function promptIssues(m: ModelConfig, at: (field: string) => ConfigPath): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const style = m.prompt_style;
  if (style !== 'template' && m.prompt_template !== undefined)
    issues.push({
      path: at('prompt_style'),
      message: `is "${style}" and prompt_template is set too; a template of your own is prompt_style "template" (leave prompt_style out)`,
    });
  if (style !== 'template' && m.sampler !== 'openai')
    issues.push({
      path: at('prompt_style'),
      message: `is "${style}", but sampler "${m.sampler}" is sent no prompt (styles are for sampler "openai")`,
    });
  if (style === 'chat' && m.api === 'completions')
    issues.push({ path: at('api'), message: 'is "completions"; prompt_style "chat" sends chat messages (api "chat")' });
  if (m.system_prompt !== undefined && modelApi(m) !== 'chat')
    issues.push({
      path: at('system_prompt'),
      message: 'is set, but the model is not sent chat messages (prompt_style "chat", or api "chat")',
    });
  if (m.markdown && (style !== 'instruct' || m.format === 'editseq'))
    issues.push({
      path: at('markdown'),
      message: `is true; it opens a fence after the instruction of prompt_style "instruct" for baseline and full models (this one: ${style}, ${m.format ?? 'no format'})`,
    });
  return issues;
}

function relationIssues(config: RunConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = new Map<string, number>();
  config.models.forEach((m, i) => {
    const at = (field: string): ConfigPath => ['models', i, field];
    if (m.sampler === 'openai') {
      if (!m.endpoints)
        issues.push({
          path: at('endpoints'),
          message: 'is missing; expected one or more base URLs of an OpenAI-compatible server (e.g. http://localhost:8000/v1)',
        });
      if (!m.model) issues.push({ path: at('model'), message: 'is missing; expected the model id the server serves (see GET /v1/models)' });
    }
    if (m.sampler === 'replay' && !m.samples)
      issues.push({ path: at('samples'), message: 'is missing; a replay model reads its completions from a sample file' });
    if (m.sampler !== 'replay' && !m.format)
      issues.push({ path: at('format'), message: 'is missing; expected baseline, full or editseq (how an output becomes a program)' });
    if (m.sampler === 'oracle' && m.format === 'full')
      issues.push({
        path: at('format'),
        message: 'is "full"; the oracle writes the canonical solution as a completion ("baseline") or as edit sequences ("editseq")',
      });
    if (m.sampler !== 'openai' && m.endpoints)
      issues.push({ path: at('endpoints'), message: `is set but sampler is "${m.sampler}"; endpoints are for sampler "openai"` });
    if (m.prompt_template !== undefined)
      for (const p of templateProblems(m.prompt_template)) issues.push({ path: at('prompt_template'), message: p });
    issues.push(...promptIssues(m, at));
    const name = modelName(m);
    const first = names.get(name);
    if (first !== undefined)
      issues.push({ path: at('name'), message: `"${name}" is also the name of models[${first}]; give each model a distinct name` });
    else names.set(name, i);
  });
  const grids = (Array.isArray(config.sampling) ? config.sampling : [config.sampling]) as SamplingGrid[];
  grids.forEach((grid, g) => {
    for (const c of expandGrid(grid)) {
      if (c.params.min_tokens > c.params.max_tokens) {
        const path: ConfigPath = Array.isArray(config.sampling) ? ['sampling', g, 'min_tokens'] : ['sampling', 'min_tokens'];
        issues.push({ path, message: `${c.params.min_tokens} is more than max_tokens ${c.params.max_tokens} (config ${c.name})` });
        break;
      }
    }
  });
  if (config.n === 'all' && config.models.some((m) => m.sampler !== 'replay')) {
    issues.push({ path: ['n'], message: 'is "all", which only a replayed sample file can give (every model must have sampler "replay")' });
  }
  if (config.execution.time_limit_per_input !== undefined && config.execution.timeout_from_reference !== undefined) {
    issues.push({
      path: ['execution', 'time_limit_per_input'],
      message: 'is set, and so is timeout_from_reference: they are two time-limit rules, choose one',
    });
  }
  if (config.limit !== undefined && config.tasks !== undefined && config.limit > config.tasks.length) {
    issues.push({ path: ['limit'], message: `${config.limit} is more than the ${config.tasks.length} tasks listed in "tasks"` });
  }
  return issues;
}

function valueAt(raw: unknown, path: ConfigPath): unknown {
  return path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined),
    raw,
  );
}

/** Every problem of a raw run config (the schema's first, then the relations'); the config when there are none. */
export function runConfigIssues(raw: unknown): { config: RunConfig | null; issues: ConfigIssue[] } {
  const parsed = runConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error, knownKeysAt).map((i) =>
      // zod words a missing enum or literal as a bad value; say it is missing.
      valueAt(raw, i.path) === undefined && !/^is (missing|not a known field)/.test(i.message)
        ? { ...i, message: `is missing; ${i.message.replace(/^Invalid option: /, '')}` }
        : i,
    );
    return { config: null, issues };
  }
  const issues = relationIssues(parsed.data);
  return { config: issues.length ? null : parsed.data, issues };
}

/** Validates; throws one PasskError (E_CONFIG) listing every problem. */
export function validateRunConfig(raw: unknown, locate: Locate): RunConfig {
  const { config, issues } = runConfigIssues(raw);
  if (!config) throw configError(issues, locate);
  return config;
}

/** Where a path was set: the longest override that covers it, else the file, else the command line. */
export function makeLocate(provenance: ReadonlyArray<{ path: ConfigPath; source: string }>, inFile: Locate | null): Locate {
  return (path) => {
    let best: { len: number; source: string } | null = null;
    for (const p of provenance) {
      const covers = p.path.length <= path.length && p.path.every((k, i) => k === path[i]);
      if (covers && (!best || p.path.length >= best.len)) best = { len: p.path.length, source: p.source };
    }
    if (best) return best.source;
    return inFile ? inFile(path) : 'command line';
  };
}
