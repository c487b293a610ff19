import { Logger } from '@nestjs/common';
import { OidcProvider } from '@hmicfrs/auth';
import type { AppConfig } from '@hmicfrs/config';

/** The force's identity provider, discovered once at start-up; null when none is configured (local runs). */
export const OIDC = Symbol('OIDC');

export async function oidcFor(config: AppConfig): Promise<OidcProvider | null> {
  if (config.OIDC_ISSUER === undefined) return null;
  const provider = await OidcProvider.discover({
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID!,
    clientSecret: config.OIDC_CLIENT_SECRET!,
    redirectUri: config.OIDC_REDIRECT_URI!,
    rolesClaim: config.OIDC_ROLES_CLAIM,
    roleMap: config.OIDC_ROLE_MAP,
    audience: config.OIDC_AUDIENCE ?? config.OIDC_CLIENT_ID!,
    clockSkewSeconds: config.OIDC_CLOCK_SKEW_SECONDS,
  });
  new Logger('SignIn').log(`People sign in with ${config.OIDC_ISSUER}; API clients send its access tokens`);
  return provider;
}
