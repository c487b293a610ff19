/** The people who use the product, each a role (DESIGN.md "Who uses it"). */
export const ROLES = ['owner', 'liaison', 'dcc', 'hmicfrs', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is acting: the signed-in user and the role they hold. */
export interface Actor {
  userId: string;
  role: Role;
}
