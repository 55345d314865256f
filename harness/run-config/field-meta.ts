/** The metadata a run config field carries for its flag and the reference docs (fields.ts reads it). */
interface FieldMeta {
  description: string;
  /** The command-line option (without --). */
  flag?: string;
  /** A short example value for the docs. */
  example?: string;
}

export const meta = (m: FieldMeta) => m as unknown as Record<string, unknown>;
