/**
 * How a CodeContests program's output is compared with the expected output, detected from
 * the problem statement the way CodeContests' default checkers behave (docs/formulas.md,
 * "Stdin/stdout judging"). Pure.
 *
 * - Tokens: output and expected output are split on whitespace; trailing spaces and blank
 *   lines never matter.
 * - Case: tokens compare case-sensitively unless the statement allows any case ("You can
 *   print each letter in any case", "case-insensitive", "in any register").
 * - Floats: when the statement asks for an absolute or relative error, two tokens that both
 *   parse as decimal numbers match when |a - b| <= tol x max(1, |b|); the tolerance is the
 *   one the statement names (10^{-6} when it names none).
 */
export interface CheckerRules {
  caseInsensitive: boolean;
  /** null: numbers compare as text. */
  floatTolerance: number | null;
  /** The statement's words each rule came from, for the record. */
  evidence: string[];
}

const ANY_CASE = [
  /in any (?:letter )?case/i,
  /case[- ]insensitive/i,
  /in any register/i,
  /(?:upper|lower)case (?:or|and) (?:upper|lower)case letters? (?:are|is) (?:both )?(?:accepted|allowed)/i,
];
const ERROR_CLAUSE = /(?:absolute or relative|relative or absolute|absolute|relative) error[^.]*/i;
const DEFAULT_TOLERANCE = 1e-6;

/** 10^{-6}, 10^-6, 10^(-6), 1e-6, 10^{−6} (a Unicode minus). */
function toleranceIn(clause: string): number | null {
  const power = /10\s*\^\s*[{(]?\s*[-−]\s*(\d+)\s*[})]?/.exec(clause);
  if (power) return Number(`1e-${power[1]}`);
  const exp = /\b(\d+(?:\.\d+)?)\s*[eE]\s*[-−]\s*(\d+)\b/.exec(clause);
  if (exp) return Number(`${exp[1]}e-${exp[2]}`);
  return null;
}

export function detectCheckerRules(statement: string): CheckerRules {
  const evidence: string[] = [];
  let caseInsensitive = false;
  for (const pattern of ANY_CASE) {
    const m = pattern.exec(statement);
    if (m) {
      caseInsensitive = true;
      evidence.push(m[0]);
      break;
    }
  }
  let floatTolerance: number | null = null;
  const clause = ERROR_CLAUSE.exec(statement);
  if (clause) {
    floatTolerance = toleranceIn(clause[0]) ?? DEFAULT_TOLERANCE;
    evidence.push(clause[0].trim().slice(0, 120));
  }
  return { caseInsensitive, floatTolerance, evidence };
}
