/**
 * Static errors per group (docs/formulas.md, "Static errors"): the share of samples whose
 * program has at least one error of the LintSeq linter, and per error code the share of
 * samples with that code. Pure: linting is done before (describe-samples.ts).
 */
export interface StaticErrors {
  samples: number;
  /** Share of samples with at least one lint error. */
  any_share: number;
  /** Per code, most frequent first: samples with the code and their share. */
  codes: Array<{ code: string; samples: number; share: number }>;
}

/** `codes`: per sample, the codes its program's lint issues carry (empty when clean). */
export function staticErrors(codes: readonly (readonly string[])[]): StaticErrors {
  const byCode = new Map<string, number>();
  let any = 0;
  for (const list of codes) {
    if (list.length > 0) any++;
    for (const code of new Set(list)) byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }
  const n = codes.length;
  return {
    samples: n,
    any_share: n ? any / n : 0,
    codes: [...byCode]
      .map(([code, samples]) => ({ code, samples, share: n ? samples / n : 0 }))
      .sort((a, b) => b.samples - a.samples || a.code.localeCompare(b.code)),
  };
}
