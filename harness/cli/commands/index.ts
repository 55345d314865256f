/**
 * Every CLI command: its name, a one-line description for `passk --help`, and a loader.
 * Each lives in its own file and exports a yargs CommandModule; only the command being
 * run is imported (some pull in vega, the TypeScript compiler or an HTTP client, which
 * take seconds to load).
 */
import type { CommandModule } from 'yargs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandModule<any, any>;

export interface CommandEntry {
  name: string;
  describe: string;
  load: () => Promise<{ default: AnyCommand }>;
}

export const commands: CommandEntry[] = [
  {
    name: 'demo',
    describe: 'Run the whole pipeline offline on the built-in suite with two simulated models (plots and an HTML report)',
    load: () => import('./demo.js'),
  },
  {
    name: 'eval',
    describe: 'Evaluate a sample file (or the canonical solutions / LintSeq oracle) on a benchmark in the sandbox',
    load: () => import('./eval.js'),
  },
  {
    name: 'run',
    describe: 'Sample from served models over a sampling sweep, execute and score every sample (resumable)',
    load: () => import('./run.js'),
  },
  {
    name: 'suites',
    describe: 'List the preset suites (passk run --suite NAME), or print one as a suite spec to start from',
    load: () => import('./suites.js'),
  },
  {
    name: 'merge',
    describe: "Merge the run folders of a run's shards (--shard I/N) into one run folder",
    load: () => import('./merge.js'),
  },
  {
    name: 'worker',
    describe: 'Run programs from a Redis queue in the sandboxes (for passk eval/run --redis URL)',
    load: () => import('./worker.js'),
  },
  {
    name: 'check-references',
    describe: 'Run every reference solution in the sandbox and write which tasks this environment can judge (for --only-judgeable)',
    load: () => import('./check-references.js'),
  },
  {
    name: 'lintseq',
    describe: 'Turn programs into LintSeq edit sequences (Python, JavaScript, TypeScript)',
    load: () => import('./lintseq.js'),
  },
  {
    name: 'select',
    describe: 'n@k (filter by public tests, cluster by outputs, submit n) beside pass@k for a stdin/stdout run (CodeContests)',
    load: () => import('./select.js'),
  },
  { name: 'fit', describe: 'Fit pass@k against FLOPs per model and sampling config', load: () => import('./fit.js') },
  { name: 'plot', describe: 'Plot pass@k against FLOPs and against k (SVG or PNG)', load: () => import('./plot.js') },
  { name: 'report', describe: 'Write a self-contained HTML report of one or more runs', load: () => import('./report.js') },
  { name: 'compare', describe: 'Compare two runs paired by problem: did the new checkpoint regress?', load: () => import('./compare.js') },
  {
    name: 'frontier',
    describe: 'The compute-optimal choice: per budget (FLOPs, tokens, GPU-seconds, dollars), the best model, config and k',
    load: () => import('./frontier.js'),
  },
  {
    name: 'plan',
    describe: 'How many samples per problem a new run needs to detect a given drop against a base run',
    load: () => import('./plan.js'),
  },
];
