export { ROLES, isRole, type Role, type Actor } from './role';
export { POLICY, ACTIONS, permits, type Action, type Permission } from './policy';
export { issueToken, readToken, readTokenWithId, InvalidToken, MAX_TOKEN_SECONDS, type TokenAudience } from './tokens';
export { tokenSecret, sessionSecret } from './token-secret';
export { SESSION_COOKIE, SESSION_SECONDS, issueSession, readSession, readSessionWithId, sessionIdIn } from './session';
export type { LiveSessions } from './live-sessions';
export { NotSignedIn } from './not-signed-in';
export { AccessDenied } from './access-denied';
export {
  PolicyGuard,
  Can,
  Public,
  WebPage,
  hs256Bearer,
  type AuthenticatedRequest,
  type BearerTokens,
  type PageSessions,
} from './policy.guard';
export { OidcProvider, SignInFailed, personIdOf, roleOf, type OidcSettings, type SignInChecks, type SignedInPerson } from './oidc';
