// The pages of 用户中心. Each area adds its page here with one entry; UserCenter lists the ones
// the session may see.
import type { ReactNode } from 'react';
import type { SessionView } from '../../../electron/contract/views';
import { ui } from '../../../domain/ui-text';
import { AccountSummary } from './AccountSummary';
import { accountsSections } from '../accounts/user-center-sections';
import { DiagnosticsPanel } from '../diagnostics/DiagnosticsPanel';
import { AuditLogPage } from './AuditLogPage';
import { BackupPage } from './BackupPage';

export interface UserCenterSection {
  id: string;
  label: string;
  /** Whether this person may see the page (e.g. only a 法人 authorizes 经办人). */
  visible: (session: SessionView) => boolean;
  render: (session: SessionView) => ReactNode;
}

export const userCenterSections: readonly UserCenterSection[] = [
  {
    id: 'account',
    label: ui.userCenter.account,
    visible: () => true,
    render: (session) => <AccountSummary session={session} />,
  },
  ...accountsSections,
  {
    id: 'diagnostics',
    label: ui.it.diagnostics.title,
    visible: () => true,
    render: () => <DiagnosticsPanel />,
  },
  { id: 'backup', label: ui.trust.backup.title, visible: () => true, render: () => <BackupPage /> },
  { id: 'audit', label: ui.trust.audit.title, visible: () => true, render: () => <AuditLogPage /> },
];
