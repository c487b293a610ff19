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
 * Its interactions sign in whoever `signInAs` names and grant what the client asks, as a person would;
 * with `pages`, they are pages instead, for a browser: a login page (the person types their sign-in
 * name) and a consent page, as a force's provider shows them.
 */
export async function startProvider(
  appUrl: string,
  people: Record<string, TestPerson>,
  client: { id: string; secret: string },
  { pages = false }: { pages?: boolean } = {},
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
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-cookie-key-'.padEnd(40, 'k')] },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => void interact(req, res));
  async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (pages) return await interactOnPages(req, res, details);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: current } }, { mergeWithLastSubmission: false });
        return;
      }
      await consent(req, res, details);
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  }

  type Details = Awaited<ReturnType<Provider['interactionDetails']>>;
  async function consent(req: IncomingMessage, res: ServerResponse, details: Details): Promise<void> {
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    grant.addOIDCScope(details.params.scope as string);
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }

  /** GET shows the login or consent page; POST is its form coming back. */
  async function interactOnPages(req: IncomingMessage, res: ServerResponse, details: Details): Promise<void> {
    const action = `/interaction/${details.uid}`;
    const login = details.prompt.name === 'login';
    if (req.method === 'POST') {
      const form = new URLSearchParams(await bodyOf(req));
      if (!login) return consent(req, res, details);
      const typed = (form.get('username') ?? '').trim().toLowerCase();
      const accountId = Object.keys(people).find((id) => people[id].preferred_username.toLowerCase() === typed);
      if (accountId !== undefined) {
        await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
        return;
      }
      return page(res, 'Sign in to your force account', `<p role="alert">No account is called ${escape(typed)}.</p>${loginForm(action)}`);
    }
    if (login) return page(res, 'Sign in to your force account', loginForm(action));
    const scopes = String(details.params.scope)
      .split(' ')
      .map((scope) => `<li>${escape(scope)}</li>`);
    return page(
      res,
      `${escape(String(details.params.client_id))} asks for your account`,
      `<ul>${scopes.join('')}</ul><form method="post" action="${action}"><button type="submit">Allow</button></form>`,
    );
  }

  /** Its own sign-out confirmation: the default one fetches a web font, and the tests' browser goes nowhere outside. */
  async function logoutSource(ctx: { body: unknown }, form: string): Promise<void> {
    ctx.body = html(
      'Sign out of your force account?',
      `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>`,
    );
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

function loginForm(action: string): string {
  return `<form method="post" action="${action}"><label for="username">Sign-in name</label><input id="username" name="username" autocomplete="username"><button type="submit">Sign in</button></form>`;
}

function html(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function page(res: ServerResponse, title: string, body: string): void {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(html(title, body));
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
