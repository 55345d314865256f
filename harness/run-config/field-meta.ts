import { z } from 'zod';

/** The metadata a run config field carries for its flag and the reference docs (fields.ts reads it). */
interface FieldMeta {
  description: string;
  /** The command-line option (without --). */
  flag?: string;
  /** A short example value for the docs. */
  example?: string;
}

export const meta = (m: FieldMeta) => m as unknown as Record<string, unknown>;

/** An optional non-empty string field (a path, an id, a URL): the run config declares many. */
export const optionalText = (m: FieldMeta) => z.string().min(1).optional().meta(meta(m));
