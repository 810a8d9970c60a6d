// What the sync and review routes share, built once by buildServer.
import type { RegionTable } from '../../domain/insurance/region-table';
import type { BatchArchive } from '../store/batch-archive';
import type { ChangeFeed } from '../store/change-feed';
import type { DeclarationStore } from '../store/declarations';
import type { RosterStore } from '../store/roster';
import type { AutoReviewer } from './auto-review';
import type { Maintenance } from './maintenance';
import type { ReviewDesk } from './review-desk';

export interface SyncContext {
  /** Every signed batch, kept as signed (non-repudiation). */
  archive: BatchArchive;
  declarations: DeclarationStore;
  roster: RosterStore;
  feed: ChangeFeed;
  tables: readonly RegionTable[];
  review: ReviewDesk;
  autoReview: AutoReviewer;
  maintenance: Maintenance;
  /** Bearer token of the review desk; null leaves the reviewer endpoints closed. */
  reviewToken: string | null;
  /** The service's time zone as a UTC offset (Beijing, +480). */
  offsetMinutes: number;
}
