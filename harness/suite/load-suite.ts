/**
 * Loading a suite: a spec file (a run spec with `benchmarks` in place of `benchmark`) or a
 * preset by name, then the command-line overrides and --data-dir, expanded into one
 * validated run config per benchmark (expand-suite.ts). Nothing is contacted here.
 */
import { basename } from 'node:path';
import { PasskError } from '../../kernel/errors.js';
import type { ConfigDocument } from '../run-config/config-file.js';
import type { Override } from '../run-config/overrides.js';
import { expandSuite, type ExpandedSuite } from './expand-suite.js';
import { findPreset, SUITE_PRESETS } from './presets.js';

/** Whether a spec file is a suite: it lists `benchmarks`. */
export function isSuiteSpec(raw: Record<string, unknown>): boolean {
  return 'benchmarks' in raw;
}

export interface SuiteSource {
  /** A spec file already read, or a preset's name. */
  doc?: ConfigDocument;
  preset?: string;
}

export function loadSuite(source: SuiteSource, overrides: readonly Override[], dataDir?: string): ExpandedSuite {
  const common = { overrides, ...(dataDir !== undefined ? { dataDir } : {}) };
  if (source.doc) {
    const doc = source.doc;
    return expandSuite(doc.raw, {
      ...common,
      locate: (p) => doc.locate(p),
      defaultName: basename(doc.file).replace(/\.(ya?ml|json)$/, ''),
    });
  }
  const preset = source.preset === undefined ? undefined : findPreset(source.preset);
  if (!preset)
    throw new PasskError(
      'E_CONFIG',
      `no suite preset "${source.preset}"; presets: ${SUITE_PRESETS.map((p) => p.name).join(', ')} (passk suites lists them)`,
      '--suite',
    );
  return expandSuite(
    { name: preset.name, ...structuredClone(preset.spec) },
    { ...common, locate: () => `preset ${preset.name}`, defaultName: preset.name },
  );
}
