/**
 * What a run's manifest says about a model: its architecture (explicit facts, or a
 * HuggingFace config.json object under `hf_config`) and whether it is simulated.
 * Architectures given on the command line override the manifest. Pure.
 */
import { describeZodError } from '../../kernel/jsonl.js';
import { architectureSchema, type Architecture } from '../metrics/architecture.js';
import { architectureFromHfConfig } from '../metrics/hf-config.js';
import type { Manifest } from '../store/records.js';

export interface ModelFacts {
  name: string;
  simulated: boolean;
  architecture: Architecture | null;
  /** Why architecture is null. */
  architectureReason: string | null;
  /** The manifest's entry as recorded. */
  entry: Record<string, unknown> | null;
}

export function modelFacts(
  manifest: Manifest,
  model: string,
  where: string,
  overrides: ReadonlyMap<string, Architecture> = new Map(),
): ModelFacts {
  const entry = manifest.models.find((m) => m.name === model) ?? null;
  const simulated = entry?.simulated === true;
  const override = overrides.get(model);
  if (override) return { name: model, simulated, architecture: override, architectureReason: null, entry };
  if (!entry)
    return {
      name: model,
      simulated,
      architecture: null,
      architectureReason: `the manifest has no facts for model "${model}" (give --arch ${model}=config.json)`,
      entry,
    };
  if (entry.architecture !== undefined && entry.architecture !== null) {
    const parsed = architectureSchema.safeParse(entry.architecture);
    if (parsed.success) return { name: model, simulated, architecture: parsed.data, architectureReason: null, entry };
    return {
      name: model,
      simulated,
      architecture: null,
      architectureReason: `${where}: models[${model}].architecture: ${describeZodError(parsed.error)}`,
      entry,
    };
  }
  if (entry.hf_config !== undefined && entry.hf_config !== null) {
    try {
      return {
        name: model,
        simulated,
        architecture: architectureFromHfConfig(entry.hf_config, `${where}: models[${model}].hf_config`),
        architectureReason: null,
        entry,
      };
    } catch (err) {
      return { name: model, simulated, architecture: null, architectureReason: (err as Error).message, entry };
    }
  }
  return {
    name: model,
    simulated,
    architecture: null,
    architectureReason: `no architecture recorded for model "${model}" (give --arch ${model}=config.json)`,
    entry,
  };
}
