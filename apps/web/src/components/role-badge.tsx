import type { Role } from '../access/role-matrix';
import { StatusBadge, type Tone } from './status-badge';

const ROLE_TONE: Record<Role, Tone> = { CLINICIAN: 'success', ANALYST: 'accent', ADMIN: 'warning' };

/** A user's role as a small coloured label. */
export function RoleBadge({ role }: { role: Role }) {
  return (
    <span data-testid="role-badge">
      <StatusBadge tone={ROLE_TONE[role]}>{role}</StatusBadge>
    </span>
  );
}
