import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { Issuer, custom, generators, type Client } from 'openid-client';
import { isNotAPerson, notAPerson, personId } from '@hmicfrs/lifecycle';
import { isRole, type Actor, type Role } from './role';
import { InvalidToken } from './tokens';

/** The force's OpenID Connect provider, as `libs/config` reads it (OIDC_*). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The claim that carries the person's roles (Entra ID: `roles`). */
  rolesClaim: string;
  /** The provider's role names → ours. */
  roleMap: Record<string, string>;
  /** What API access tokens must name as their audience. */
  audience: string;
  clockSkewSeconds: number;
}

/** What a sign-in must remember between sending the browser to the provider and its coming back. */
export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Who came back from the provider: their role here (none when no provider role maps to one), name and e-mail. */
export interface SignedInPerson {
  userId: string;
  role: Role | undefined;
  name: string;
  email: string | undefined;
  /** The provider's roles, as they came, for the page that says none of them is one of ours. */
  providerRoles: string[];
  /** For RP-initiated sign-out (`id_token_hint`). */
  idToken: string | undefined;
}

/** The provider refused the sign-in, or its answer did not check out (state, nonce, PKCE, signature). */
export class SignInFailed extends Error {
  override readonly name = 'SignInFailed';
}

/**
 * The person's id here, from the provider's claims: the sign-in name (Entra ID's `preferred_username`,
 * the UPN), else the e-mail, else `sub`; normalised once (`personId`).
 */
export function personIdOf(claims: JWTPayload | Record<string, unknown>): string | undefined {
  const value = [claims.preferred_username, claims.email, claims.sub].find(
    (candidate) => typeof candidate === 'string' && candidate.trim() !== '',
  );
  return typeof value === 'string' ? personId(value) : undefined;
}

/** The role here of the first of the claim's roles that maps to one; undefined when none does. */
export function roleOf(
  claims: JWTPayload | Record<string, unknown>,
  rolesClaim: string,
  roleMap: Record<string, string>,
): Role | undefined {
  for (const name of providerRolesOf(claims, rolesClaim)) {
    const role = roleMap[name];
    if (isRole(role)) return role;
  }
  return undefined;
}

function providerRolesOf(claims: JWTPayload | Record<string, unknown>, rolesClaim: string): string[] {
  const value = claims[rolesClaim];
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Sign-in with the force's provider (authorization code with PKCE, `openid-client`) and the API's access
 * tokens checked against its keys (JWKS, `jose`): issuer, audience, expiry, with a small clock skew.
 */
export class OidcProvider {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  private constructor(
    private readonly settings: OidcSettings,
    private readonly client: Client,
    private readonly issuer: Issuer<Client>,
  ) {
    const jwksUri = issuer.metadata.jwks_uri;
    if (!jwksUri) throw new Error(`The provider ${settings.issuer} publishes no jwks_uri`);
    this.jwks = createRemoteJWKSet(new URL(jwksUri));
  }

  /** Reads the provider's discovery document once, at start-up. */
  static async discover(settings: OidcSettings): Promise<OidcProvider> {
    const issuer = await Issuer.discover(settings.issuer);
    const client = new issuer.Client({
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      redirect_uris: [settings.redirectUri],
      response_types: ['code'],
    });
    client[custom.clock_tolerance] = settings.clockSkewSeconds;
    return new OidcProvider(settings, client, issuer);
  }

  /** Where to send the browser, and what to keep (in a signed cookie) until it comes back. */
  begin(): { url: string; checks: SignInChecks } {
    const checks = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier() };
    const url = this.client.authorizationUrl({
      scope: 'openid profile email',
      code_challenge: generators.codeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    return { url, checks };
  }

  /** The provider sent the browser back to `callbackUrl`: exchange the code, check the ID token, read the person. */
  async finish(callbackUrl: string, checks: SignInChecks): Promise<SignedInPerson> {
    let tokens;
    try {
      const params = this.client.callbackParams(callbackUrl);
      tokens = await this.client.callback(this.settings.redirectUri, params, {
        state: checks.state,
        nonce: checks.nonce,
        code_verifier: checks.codeVerifier,
      });
    } catch (error) {
      throw new SignInFailed(`The sign-in did not complete: ${(error as Error).message}`);
    }
    const claims = tokens.claims() as unknown as Record<string, unknown>;
    const userId = personIdOf(claims);
    if (userId === undefined) throw new SignInFailed('The provider named nobody');
    if (isNotAPerson(userId)) throw new SignInFailed(`The provider's account ${notAPerson(userId)}`);
    return {
      userId,
      role: roleOf(claims, this.settings.rolesClaim, this.settings.roleMap),
      name: typeof claims.name === 'string' ? claims.name : userId,
      email: typeof claims.email === 'string' ? claims.email : undefined,
      providerRoles: providerRolesOf(claims, this.settings.rolesClaim),
      idToken: tokens.id_token,
    };
  }

  /**
   * The provider's sign-out, where it has one (RP-initiated logout); undefined otherwise. `backTo` is a path
   * on this server (as the redirect URI names it), registered with the provider as a post-logout redirect URI.
   */
  endSessionUrl(idToken: string | undefined, backTo: string): string | undefined {
    if (!this.issuer.metadata.end_session_endpoint) return undefined;
    const postLogout = new URL(backTo, this.settings.redirectUri).toString();
    return this.client.endSessionUrl({ ...(idToken ? { id_token_hint: idToken } : {}), post_logout_redirect_uri: postLogout });
  }

  /**
   * The provider's origin where "Sign out" sends the browser on (its end-session endpoint's), undefined
   * when it has none: the pages' forms may lead there, and a browser enforces that on the redirect too.
   */
  get signOutOrigin(): string | undefined {
    const endpoint = this.issuer.metadata.end_session_endpoint;
    return endpoint === undefined ? undefined : new URL(endpoint).origin;
  }

  /** An API client's access token: signed by the provider's keys, for this API, not expired; its role from the same claim. */
  async readAccessToken(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.issuer.metadata.issuer,
        audience: this.settings.audience,
        clockTolerance: this.settings.clockSkewSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw new InvalidToken(error.message);
      throw error;
    }
    const userId = personIdOf(payload);
    if (userId === undefined) throw new InvalidToken('it names no user');
    if (isNotAPerson(userId)) throw new InvalidToken(notAPerson(userId));
    const role = roleOf(payload, this.settings.rolesClaim, this.settings.roleMap);
    if (role === undefined) throw new InvalidToken(`none of its ${this.settings.rolesClaim} is a role of this service`);
    return { userId, role };
  }
}
