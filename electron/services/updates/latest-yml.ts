// electron-builder's latest.yml: the newest version in a release folder, its installer and the
// installer's sha512 (base64). Read with the same YAML loader electron-updater uses.
import { load } from 'js-yaml';
import { z } from 'zod';

const sha512 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'base64 sha512');

export const latestYmlSchema = z.object({
  version: z.string().min(1).max(64),
  files: z
    .array(
      z.object({
        url: z.string().min(1).max(500),
        sha512,
        size: z.number().int().nonnegative().optional(),
      }),
    )
    .min(1),
  releaseDate: z.string().optional(),
});
export type LatestYml = z.infer<typeof latestYmlSchema>;

/** Null when the text is not a release description (the caller reports UPDATE_FAILED). */
export function parseLatestYml(text: string): LatestYml | null {
  let raw: unknown;
  try {
    // js-yaml 4's load() is safe by default: no custom types, no code.
    raw = load(text);
  } catch {
    return null;
  }
  const parsed = latestYmlSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
