import { ROLES, type Actor, type Role } from '@hmicfrs/lifecycle';

/** Roles and actors are the domain's (libs/lifecycle); the policy only decides what each may do. */
export { ROLES, type Actor, type Role };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
