import { Tag } from 'antd';
import type { Role, User } from '@propdesk/contracts';
import { useI18n } from '../../i18n/i18n';
import { roleName } from '../roles/rolesApi';
import { formatInstant, isLocked } from './format';

/** A grant as "接待员 @ 丽景花园", in the current language when the role is known. */
export function grantLabel(g: User['grants'][number], roles: Map<string, Role>, locale: string) {
  const r = roles.get(g.roleId);
  return `${r ? roleName(r, locale) : g.roleName} @ ${g.orgUnitName}`;
}

/** Active / locked until … / deactivated. */
export function UserStateTag({ user }: { user: Pick<User, 'active' | 'lockedUntil'> }) {
  const { t } = useI18n();
  if (!user.active) return <Tag>{t('已停用', 'Deactivated')}</Tag>;
  if (isLocked(user.lockedUntil))
    return <Tag color="red">{t(`锁定至 ${formatInstant(user.lockedUntil, false)}`, `Locked until ${formatInstant(user.lockedUntil, false)}`)}</Tag>;
  return <Tag color="green">{t('正常', 'Active')}</Tag>;
}
