// The 用户中心 pages of accounts: 修改密码 for everyone; 授权登录 and 修改资料 for a 法人 only
// (an 经办人's user centre has neither, as on the portals).
import type { SessionView } from '../../../electron/contract/views';
import { ui } from '../../../domain/ui-text';
import type { UserCenterSection } from '../user-center/sections';
import { AgentsPage } from './AgentsPage';
import { ChangePasswordPage } from './ChangePasswordPage';
import { UnitProfilePage } from './UnitProfilePage';

const isLegal = (session: SessionView): boolean => session.currentUnit?.role === 'legal';

export const accountsSections: readonly UserCenterSection[] = [
  {
    id: 'password',
    label: ui.accounts.change.title,
    visible: () => true,
    render: (session) => <ChangePasswordPage session={session} />,
  },
  {
    id: 'agents',
    label: ui.accounts.agents.title,
    visible: isLegal,
    render: (session) => <AgentsPage key={session.currentUnit?.uscc} />,
  },
  {
    id: 'profile',
    label: ui.accounts.profile.title,
    visible: isLegal,
    render: (session) => <UnitProfilePage key={session.currentUnit?.uscc} />,
  },
];
