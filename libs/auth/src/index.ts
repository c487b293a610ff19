export { ROLES, isRole, type Role, type Actor } from './role';
export { POLICY, ACTIONS, permits, type Action, type Permission } from './policy';
export { issueToken, readToken, InvalidToken } from './tokens';
export { tokenSecret } from './token-secret';
export { AccessDenied } from './access-denied';
export { PolicyGuard, Can, Public, type AuthenticatedRequest } from './policy.guard';
