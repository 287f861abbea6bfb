import type { Me } from '../../../schema/contracts';
import type { UserPrincipal } from '../access';

export function describeMe(principal: UserPrincipal): Me {
  const { id, name, email, role, regionIds, lang } = principal.user;
  return { id, name, email, role, regionIds, via: principal.via, lang };
}
