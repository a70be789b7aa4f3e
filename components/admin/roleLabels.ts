import type { Role } from '../wireTypes';
import type { MessageKey } from '../i18n/messages';

/** How each role is named to people. */
export const ROLE_LABEL: Record<Role, MessageKey> = {
  admin: 'roleAdmin',
  leader: 'roleLeader',
  province_staff: 'roleProvinceStaff',
  commune_staff: 'roleCommuneStaff',
  planner: 'rolePlanner',
};
