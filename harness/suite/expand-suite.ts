/**
 * A suite spec (docs/records.md, "Suites") expanded into one validated run config per
 * benchmark: each `benchmarks[]` entry takes the single-run fields over the shared ones
 * (`execution` and `client` field by field, the rest whole), `model_settings` sets model
 * fields for that benchmark, command-line overrides apply to every benchmark (flags win
 * over the spec), and `--data-dir` resolves data files by their standard names. Every
 * problem of every benchmark is reported at once, each naming its field as the suite spec
 * spells it (`benchmarks[2].n`) and where it was set. Nothing is contacted here.
 */
import { join } from 'node:path';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { sha256 } from '../../kernel/hash.js';
import { configError, formatPath, type ConfigIssue, type ConfigPath, type Locate } from '../run-config/issues.js';
import { applyOverrides, type Override } from '../run-config/overrides.js';
import type { RunConfig } from '../run-config/schema.js';
import { makeLocate, runConfigIssues } from '../run-config/validate.js';
import { resolveDataFields, STANDARD_DATA_NAMES } from './data-names.js';

/** Fields of the suite itself, not of its runs. */
const SUITE_FIELDS = new Set(['benchmarks', 'name', 'data_dir', 'out']);
/** Fields that describe one benchmark's run: only in an entry. */
const ENTRY_ONLY = ['benchmark', 'data', 'tasks', 'instructions', 'only_judgeable'];
/** Fields an entry may not set, and why. */
const NOT_IN_ENTRY: Record<string, string> = {
  models: 'the models are shared by the suite; set model fields for this benchmark under model_settings',
  seed: 'the seed is shared by the suite; set it at the top level',
  out: "each benchmark's folder is SUITE_FOLDER/<name>; set the suite's out at the top level",
  shard: 'a suite is not sharded; shard a single benchmark run instead',
};
/** Merged field by field rather than replaced. */
const MERGED = ['execution', 'client'];
const FOLDER_NAME = /^[\w.-]+$/;

export interface SuiteBenchmark {
  /** Its folder under the suite folder (the benchmark's name unless the entry names it). */
  name: string;
  config: RunConfig;
}

export interface ExpandedSuite {
  name: string;
  /** The suite folder. */
  out: string;
  dataDir: string | null;
  benchmarks: SuiteBenchmark[];
}

export interface ExpandOptions {
  /** Where a suite path was written: "suite.yaml:12", "preset lintseq-paper". */
  locate: Locate;
  overrides: readonly Override[];
  /** --data-dir (wins over the spec's data_dir). */
  dataDir?: string;
  /** The suite's name when the spec gives none (the file's base name, or the preset's). */
  defaultName: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether an override addresses the suite (its entries, folder, name) rather than every benchmark's run. */
const isSuiteOverride = (o: Override): boolean => SUITE_FIELDS.has(String(o.path[0]));

function mergeEntry(shared: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...shared, ...fields };
  for (const key of MERGED) if (isObject(shared[key]) && isObject(fields[key])) merged[key] = { ...shared[key], ...fields[key] };
  return merged;
}

/**
 * model_settings under each model, over the model flags too: they are what this benchmark's
 * prompts need (a flag sets a field for every benchmark; `--set benchmarks.N.model_settings.F=V` changes one).
 */
function applyModelSettings(raw: Record<string, unknown>, settings: unknown): void {
  if (!isObject(settings) || !Array.isArray(raw.models)) return;
  raw.models = raw.models.map((m) => (isObject(m) ? { ...m, ...settings } : m));
}

/** A merged run config's path as the suite spec spells it. */
function suitePath(path: ConfigPath, i: number, entry: Record<string, unknown>): ConfigPath {
  const [head, second, third] = path;
  const inEntry = (key: unknown, node: unknown) => isObject(node) && typeof key === 'string' && key in node;
  if (head === 'models' && typeof second === 'number' && inEntry(third, entry.model_settings))
    return ['benchmarks', i, 'model_settings', ...path.slice(2)];
  if (MERGED.includes(String(head))) return inEntry(second, entry[String(head)]) ? ['benchmarks', i, ...path] : path;
  if (inEntry(head, entry) || ENTRY_ONLY.includes(String(head))) return ['benchmarks', i, ...path];
  return path;
}

function structureIssues(raw: Record<string, unknown>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const key of ENTRY_ONLY.filter((k) => k in raw))
    issues.push({ path: [key], message: `belongs in each benchmarks[] entry (a suite runs several benchmarks)` });
  if ('shard' in raw) issues.push({ path: ['shard'], message: NOT_IN_ENTRY.shard! });
  const entries = raw.benchmarks;
  if (!Array.isArray(entries) || entries.length === 0) {
    issues.push({ path: ['benchmarks'], message: 'expected a list of benchmark entries, each with at least `benchmark`' });
    return issues;
  }
  for (const key of ['name', 'data_dir', 'out'])
    if (key in raw && (typeof raw[key] !== 'string' || raw[key] === ''))
      issues.push({ path: [key], message: 'expected a non-empty string' });
  const names = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!isObject(e)) {
      issues.push({ path: ['benchmarks', i], message: 'expected a mapping of run fields (benchmark, data, n, sampling, ...)' });
      return;
    }
    for (const [key, why] of Object.entries(NOT_IN_ENTRY))
      if (key in e) issues.push({ path: ['benchmarks', i, key], message: `is not allowed here: ${why}` });
    if (e.model_settings !== undefined && !isObject(e.model_settings))
      issues.push({
        path: ['benchmarks', i, 'model_settings'],
        message: 'expected a mapping of model fields (prompt_style, stop, format, ...)',
      });
    const name = entryName(e);
    if (!FOLDER_NAME.test(name))
      issues.push({ path: ['benchmarks', i, 'name'], message: `"${name}" is not a folder name (letters, digits, . _ -)` });
    const first = names.get(name);
    if (first !== undefined)
      issues.push({
        path: ['benchmarks', i, 'name'],
        message: `"${name}" is also benchmarks[${first}]'s folder; give the entries distinct names`,
      });
    else names.set(name, i);
  });
  return issues;
}

function entryName(e: Record<string, unknown>): string {
  return typeof e.name === 'string' ? e.name : typeof e.benchmark === 'string' ? e.benchmark : 'benchmark';
}

/** The default suite folder: the same spec resumes the same folder (endpoints and client settings are transport, not identity). */
function defaultSuiteFolder(name: string, benchmarks: readonly SuiteBenchmark[]): string {
  const identity = benchmarks.map((b) => ({
    name: b.name,
    config: { ...b.config, client: null, out: null, models: b.config.models.map((m) => ({ ...m, endpoints: null })) },
  }));
  return join('results', `suite-${name.replace(/[^\w.-]+/g, '_')}-${sha256(canonicalJson(identity)).slice(0, 8)}`);
}

export function expandSuite(input: Record<string, unknown>, options: ExpandOptions): ExpandedSuite {
  const suiteLevel = applyOverrides(input, options.overrides.filter(isSuiteOverride));
  const raw = suiteLevel.raw;
  const locateSuite = makeLocate(suiteLevel.provenance, options.locate);
  const structural = structureIssues(raw);
  if (structural.length) throw configError(structural, locateSuite, 'suite spec');

  const dataDir = options.dataDir ?? (typeof raw.data_dir === 'string' ? raw.data_dir : null);
  const shared = Object.fromEntries(Object.entries(raw).filter(([k]) => !SUITE_FIELDS.has(k)));
  const perRun = options.overrides.filter((o) => !isSuiteOverride(o));
  const issues: ConfigIssue[] = [];
  const where = new Map<ConfigIssue, string>();
  const seen = new Set<string>();
  const benchmarks: SuiteBenchmark[] = [];
  (raw.benchmarks as Array<Record<string, unknown>>).forEach((entry, i) => {
    const { name: _name, model_settings: settings, ...fields } = resolveDataFields(entry, dataDir);
    const applied = applyOverrides(mergeEntry(shared, fields), perRun);
    applyModelSettings(applied.raw, settings);
    const locate = makeLocate(applied.provenance, (p) => locateSuite(suitePath(p, i, entry)));
    const checked = runConfigIssues(applied.raw);
    const benchmark = String(applied.raw.benchmark);
    if (applied.raw.data === undefined && STANDARD_DATA_NAMES[benchmark])
      checked.issues.push({
        path: ['data'],
        message: `is missing; "${benchmark}" needs its data file: a path, or --data-dir DIR holding ${STANDARD_DATA_NAMES[benchmark]}`,
      });
    for (const issue of checked.issues) {
      const missingModels = issue.path.length === 1 && issue.path[0] === 'models' && /^is missing/.test(issue.message);
      const message = missingModels
        ? `${issue.message}: give --endpoint URL --model ID --format F, or a models list in the spec`
        : issue.message;
      const mapped = { path: suitePath(issue.path, i, entry), message };
      const key = `${formatPath(mapped.path)} ${mapped.message}`;
      if (seen.has(key)) continue; // a shared field's problem, once for the suite
      seen.add(key);
      issues.push(mapped);
      where.set(mapped, locate(issue.path));
    }
    if (checked.config) benchmarks.push({ name: entryName(entry), config: checked.config });
  });
  if (issues.length) throw configError(issues, (p) => where.get(issues.find((i) => i.path === p)!) ?? locateSuite(p), 'suite spec');

  const name = typeof raw.name === 'string' ? raw.name : options.defaultName;
  const out = typeof raw.out === 'string' ? raw.out : defaultSuiteFolder(name, benchmarks);
  return { name, out, dataDir, benchmarks: benchmarks.map((b) => ({ ...b, config: { ...b.config, out: join(out, b.name) } })) };
}
