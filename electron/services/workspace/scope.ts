// What the workspace's parts (editing, checking, submission) share: the open database's store and
// document cache, the session's units and their region rules, and the clock.
import type { DeclarationSummary } from '../../contract/views-workspace';
import type { DocumentCache, Doc } from './document-cache';
import type { UnitRef, UnitRule } from './regions';

export interface WorkspaceScope {
  /** The cache over the logged-in person's store (throws NOT_LOGGED_IN when none is open). */
  cache(): DocumentCache;
  /** A declaration with its rows, after checking this person may act for its unit. */
  doc(id: string): Doc;
  unit(unitNo: string): UnitRef;
  /** The region rule of a unit for a month. */
  rule(unitNo: string, month: string): UnitRule;
  /** The declaration as stored now, with its row count. */
  summary(id: string): DeclarationSummary;
  /** Now as an ISO timestamp. */
  stamp(): string;
  /** Today as YYYY-MM-DD, for the checks. */
  today(): string;
}
