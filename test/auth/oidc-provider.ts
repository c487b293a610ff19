import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
// oidc-provider 7 is the last CommonJS release (8 and later are ES modules only, which jest on Node 20 cannot load).
import { Provider } from 'oidc-provider';

/** Someone the test provider can sign in: their claims as the force's provider would give them. */
export interface TestPerson {
  name: string;
  preferred_username: string;
  email: string;
  roles: string[];
}

export interface RunningProvider {
  issuer: string;
  /** Who the next sign-in is (the provider's login page, answered at once). */
  signInAs(accountId: string): void;
  /** An access token signed with the provider's own key (or `key`), as an API client would be given. */
  accessToken(
    claims: Record<string, unknown>,
    options?: { audience?: string; expiresIn?: string | number; key?: KeyLike },
  ): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real, certified OpenID provider (oidc-provider) on a real port, with one client: the API at `appUrl`.
 * Its interactions sign in whoever `signInAs` names and grant what the client asks, as a person would.
 */
export async function startProvider(
  appUrl: string,
  people: Record<string, TestPerson>,
  client: { id: string; secret: string },
): Promise<RunningProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let current = Object.keys(people)[0];

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [`${appUrl}/app/sign-in/callback`],
        post_logout_redirect_uris: [`${appUrl}/app/sign-in?signedOut=yes`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [jwk as never] },
    pkce: { required: () => true, methods: ['S256'] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'roles'], email: ['email'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, ...people[id] }) }),
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-cookie-key-'.padEnd(40, 'k')] },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => void interact(req, res));
  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: current } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
      grant.addOIDCScope(details.params.scope as string);
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  }

  return {
    issuer,
    signInAs(accountId) {
      current = accountId;
    },
    accessToken(claims, options = {}) {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(issuer)
        .setAudience(options.audience ?? client.id)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '5m')
        .sign(options.key ?? privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
