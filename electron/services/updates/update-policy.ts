// Which release a PC may take: only a newer one, and when IT pinned a version, only that one.
import { gt, valid } from 'semver';

export type UpdateDecision =
  | { offer: true; version: string }
  | { offer: false; reason: 'up-to-date' | 'pinned' | 'invalid-version' };

export function decideUpdate(
  current: string,
  latest: string,
  pinnedVersion: string | null,
): UpdateDecision {
  if (!valid(latest) || !valid(current)) return { offer: false, reason: 'invalid-version' };
  if (!gt(latest, current)) return { offer: false, reason: 'up-to-date' };
  // IT holds every PC at the pinned version: a folder that already has a newer one is not taken,
  // and the pinned one is taken once it is there.
  if (pinnedVersion !== null && latest !== pinnedVersion) return { offer: false, reason: 'pinned' };
  return { offer: true, version: latest };
}
