// Export of a declaration view and the blank templates shipped in resources/templates.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../../domain/errors';
import { declarationKindLabels } from '../../../../domain/labels';
import { ui } from '../../../../domain/ui-text';
import type { EditableKind, RowData } from '../../../contract/views-workspace';
import type { WorkspaceService } from '../workspace-service';
import { declarationSheet } from './sheets';
import { writeWorkbook } from './xlsx-writer';

export const templateFile = (kind: EditableKind): string => `${kind}.xlsx`;

export async function exportDeclaration(
  ws: WorkspaceService,
  declarationId: string,
  view: { fields?: readonly string[]; rowNos?: readonly number[] },
): Promise<{ fileName: string; bytes: Buffer }> {
  const { meta, rowNos, rows } = ws.orderedRows(declarationId);
  let chosen: readonly RowData[] = rows;
  if (view.rowNos) {
    const at = new Map<number, number>();
    rowNos.forEach((n, i) => at.set(n, i));
    chosen = view.rowNos.map((n) => {
      const i = at.get(n);
      if (i === undefined) throw new AppError('ROW_NOT_FOUND', { row: n + 1 });
      return rows[i]!;
    });
  }
  const sheet = declarationSheet(declarationKindLabels[meta.kind], meta.kind, chosen, view.fields);
  const safeTitle = meta.title.replace(/[\\/:*?"<>|]/g, '_');
  return {
    fileName: ui.workspaceFiles.exportFileName(safeTitle),
    bytes: await writeWorkbook([sheet]),
  };
}

export async function readTemplate(
  resourcesDir: string,
  kind: EditableKind,
): Promise<{ fileName: string; bytes: Buffer }> {
  const bytes = await readFile(join(resourcesDir, 'templates', templateFile(kind)));
  return { fileName: ui.workspaceFiles.templateFileName(declarationKindLabels[kind]), bytes };
}
