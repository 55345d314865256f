/**
 * Correct solutions to some CodeContests test problems, written for passk (checked on every
 * test the dataset has, by the judge's conformance fixtures): python/<index>.py and
 * javascript/<index>.js. The judge's fixtures change them one thing at a time; the CodeContests
 * demo's simulated sampler draws them as its right answers. Problem difficulties: 7 (26, 58,
 * 98, 113, 147), 8 (1, 27, 93, 99, 140), 9 (100, 115, 141, 156).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('./solutions/', import.meta.url));

/** The solutions, by problem index. */
export function referenceSolutions(language: 'python' | 'javascript'): Map<number, string> {
  const folder = `${DIR}${language}/`;
  const ext = language === 'python' ? '.py' : '.js';
  return new Map(
    readdirSync(folder)
      .filter((name) => name.endsWith(ext))
      .map((name) => [Number(name.slice(0, -ext.length)), readFileSync(folder + name, 'utf8')] as const),
  );
}
