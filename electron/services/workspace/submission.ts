// 提交申报: a checked draft becomes 待上传 with its mutation in the outbox, in one transaction.
import { ulid } from 'ulid';
import { AppError } from '../../../domain/errors';
import type { DeclarationSummary } from '../../contract/views-workspace';
import type { Checking } from './checking';
import type { WorkspaceScope } from './scope';

export class Submission {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly checking: Checking,
  ) {}

  /**
   * Draft → 待上传 once no error is left and the warnings are confirmed; the state and the outbox
   * row commit together, so a crash never leaves one without the other.
   */
  submit(
    id: string,
    confirmWarnings: boolean,
  ): { declaration: DeclarationSummary; mutationId: string } {
    const doc = this.scope.doc(id);
    if (doc.meta.state !== 'draft') throw new AppError('DECLARATION_NOT_DRAFT');
    if (doc.rows.length === 0) throw new AppError('DECLARATION_EMPTY');
    const result = this.checking.validate(id);
    if (result.errorCount > 0) {
      throw new AppError('DECLARATION_HAS_ERRORS', { count: result.errorCount });
    }
    if (result.warningCount > 0 && !confirmWarnings) {
      throw new AppError('DECLARATION_WARNINGS_UNCONFIRMED', { count: result.warningCount });
    }
    const mutationId = ulid();
    const payload = JSON.stringify({
      declarationId: id,
      type: doc.meta.kind,
      month: doc.meta.month,
      rows: doc.rows,
    });
    const queued = this.scope.cache().store.queueSubmission({
      id,
      mutationId,
      unitNo: doc.meta.unitNo,
      payload,
      now: this.scope.stamp(),
    });
    if (!queued) throw new AppError('DECLARATION_NOT_DRAFT');
    return { declaration: this.scope.summary(id), mutationId };
  }
}
