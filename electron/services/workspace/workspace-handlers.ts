// The workspace's part of the contract: each method checks nothing itself (dispatch parsed the
// input) and hands over to the services.
import type { Handlers } from '../app-services-types';
import type { ImportService } from './import/import-service';
import type { WorkspaceService } from './workspace-service';
import { deliverFile, readFileInput } from './file-io';
import { exportDeclaration, readTemplate } from './export/export-service';

type WorkspaceMethod = Extract<keyof Handlers, `workspace.${string}`>;

export interface WorkspaceHandlerDeps {
  workspace: WorkspaceService;
  imports: ImportService;
  resourcesDir: string;
}

export function workspaceHandlers({
  workspace: ws,
  imports,
  resourcesDir,
}: WorkspaceHandlerDeps): Pick<Handlers, WorkspaceMethod> {
  return {
    'workspace.list': async ({ unitNo }) => ({ declarations: ws.list(unitNo) }),
    'workspace.create': async (input) => ws.create(input),
    'workspace.rename': async ({ declarationId, title }) => ws.rename(declarationId, title),
    'workspace.delete': async ({ declarationId }) => {
      ws.delete(declarationId);
      return { deleted: true as const };
    },
    'workspace.open': async ({ declarationId, firstPage }) => ws.open(declarationId, firstPage),
    'workspace.rows': async ({ declarationId, offset, limit }) =>
      ws.rows(declarationId, offset, limit),
    'workspace.rowsBulk': async ({ declarationId }) => ws.rowsBulk(declarationId),
    'workspace.edit': async ({ declarationId, changes, appends }) =>
      ws.edit(declarationId, changes, appends),
    'workspace.setCells': async ({ declarationId, cells }) => ws.setCells(declarationId, cells),
    'workspace.fillDown': async ({ declarationId, field, fromRowNo, toRowNos }) =>
      ws.fillDown(declarationId, field, fromRowNo, toRowNos),
    'workspace.insertRows': async ({ declarationId, beforeRowNo, count }) =>
      ws.insertRows(declarationId, beforeRowNo, count),
    'workspace.deleteRows': async ({ declarationId, rowNos }) =>
      ws.deleteRows(declarationId, rowNos),
    'workspace.undo': async ({ declarationId }) => ws.undo(declarationId),
    'workspace.redo': async ({ declarationId }) => ws.redo(declarationId),
    'workspace.validate': async ({ declarationId }) => ws.validate(declarationId),
    'workspace.recalculate': async ({ declarationId }) => ws.recalculate(declarationId),
    'workspace.submit': async ({ declarationId, confirmWarnings }) =>
      ws.submit(declarationId, confirmWarnings),
    'workspace.roster': async ({ unitNo, query, offset, limit }) =>
      ws.roster(unitNo, query, offset, limit),
    'workspace.rosterImport': async ({ unitNo, file }) =>
      imports.importRoster(unitNo, await readFileInput(file)),
    'workspace.importPreview': async ({ declarationId, file, requestId, rowLimit }) =>
      imports.preview(declarationId, await readFileInput(file), {
        rowLimit,
        ...(requestId !== undefined ? { requestId } : {}),
      }),
    'workspace.importCommit': async ({ declarationId, previewId, rows }) =>
      imports.commit(declarationId, previewId, rows),
    'workspace.importErrorReport': async ({ previewId }) => {
      const file = await imports.errorReport(previewId);
      return deliverFile(file.fileName, file.bytes);
    },
    'workspace.export': async ({ declarationId, fields, rowNos }) => {
      const file = await exportDeclaration(ws, declarationId, {
        ...(fields ? { fields } : {}),
        ...(rowNos ? { rowNos } : {}),
      });
      return deliverFile(file.fileName, file.bytes);
    },
    'workspace.template': async ({ kind }) => {
      const file = await readTemplate(resourcesDir, kind);
      return deliverFile(file.fileName, file.bytes);
    },
  };
}
