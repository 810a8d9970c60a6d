// The zh-CN error of a failed workspace call. Kept apart from the bridge client so the workspace
// screens also run on the in-memory backend (no bridge).
import { describeError, errorInfoSchema, type ErrorInfo } from '../../../domain/errors';

export function errorOf(error: unknown): ErrorInfo {
  const info = (error as { info?: unknown } | null)?.info;
  const parsed = errorInfoSchema.safeParse(info);
  return parsed.success ? parsed.data : describeError('INTERNAL');
}
