/**
 * The suites passk ships (`passk run --suite NAME`, `passk suites show NAME`): suite specs
 * without models (the command line gives them: --endpoint, --model, --format) and without
 * data paths (--data-dir finds the files by their standard names, data-names.ts). The
 * settings and their sources: README, "Suites".
 */
export interface SuitePreset {
  name: string;
  describe: string;
  spec: Record<string, unknown>;
}

/** The paper's prompt for instruction-tuned and edit-sequence models (prompt_version 1): no stop sequences beyond the server's end token. */
const INSTRUCT = { prompt_style: 'instruct' };

const LINTSEQ_PAPER: SuitePreset = {
  name: 'lintseq-paper',
  describe:
    "The LintSeq paper's grid (HumanEval and MBPP+ with instruction prompts, its n, temperatures and max tokens), plus CodeContests, DS-1000 and BigCodeBench-Hard with passk's settings",
  spec: {
    seed: 0,
    benchmarks: [
      {
        // The LintSeq repository's tinycodelm_*_eval.sh: temperature 1 (150M) and 0.2 (400M), top-p 0.95, n 10, max_tokens 512, min_tokens 8.
        benchmark: 'humaneval',
        instructions: 'humanevalpack_python.jsonl.gz',
        model_settings: INSTRUCT,
        sampling: { temperature: [0.2, 1], top_p: 0.95, max_tokens: 512, min_tokens: 8 },
        n: 10,
        ks: [1, 10],
      },
      {
        // The same scripts for MBPP(+): greedy (temperature 0, top-p 1), n 1, max_tokens 512.
        benchmark: 'mbppplus',
        model_settings: INSTRUCT,
        sampling: { temperature: 0, top_p: 1, max_tokens: 512 },
        n: 1,
        ks: [1],
      },
      {
        // passk's choice: the statement as the instruction, samples enough for pass@10 and n@k.
        benchmark: 'codecontests',
        model_settings: INSTRUCT,
        sampling: { temperature: 0.8, top_p: 0.95, max_tokens: 1024 },
        n: 20,
        ks: [1, 10],
      },
      {
        // DS-1000 is a completion benchmark: its prompt as it is, cut where DS-1000 cuts a solution.
        benchmark: 'ds1000',
        model_settings: { prompt_style: 'template', prompt_template: '{prompt}', format: 'baseline', stop: ['</code>', '# SOLUTION END'] },
        sampling: { temperature: 0.2, top_p: 0.95, max_tokens: 1024 },
        n: 10,
        ks: [1, 10],
      },
      {
        // BigCodeBench's instruct split (the model writes the whole program), its max_new_tokens 1280 and pass@5 temperature 0.8.
        benchmark: 'bigcodebench-hard',
        model_settings: { prompt_style: 'instruct', format: 'full' },
        sampling: { temperature: 0.8, top_p: 0.95, max_tokens: 1280 },
        n: 5,
        ks: [1, 5],
      },
    ],
  },
};

const QUICK: SuitePreset = {
  name: 'quick',
  describe: 'A smoke suite of a few minutes: the built-in problems, 10 HumanEval and 10 MBPP+ tasks, 4 samples each',
  spec: {
    seed: 0,
    sampling: { temperature: 0.8, top_p: 0.95, max_tokens: 384 },
    n: 4,
    ks: [1, 4],
    bootstrap: 500,
    benchmarks: [
      { benchmark: 'builtin' },
      { benchmark: 'humaneval', instructions: 'humanevalpack_python.jsonl.gz', limit: 10 },
      { benchmark: 'mbppplus', limit: 10 },
    ],
  },
};

export const SUITE_PRESETS: readonly SuitePreset[] = [LINTSEQ_PAPER, QUICK];

export function findPreset(name: string): SuitePreset | undefined {
  return SUITE_PRESETS.find((p) => p.name === name);
}
