import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account } from 'oidc-provider';

/** A person at the council's identity provider: `login` is what they type on its sign-in form. */
export interface CouncilAccount {
  login: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers Unitroom's callback once it listens, and starts answering. */
  allowRedirect(redirectUri: string): void;
  /** The provider's own errors (a refused client, a bad PKCE), for assertions. */
  errors: string[];
  stop(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider) on loopback, port 0, with its development sign-in and
 * consent forms: any login listed in `accounts` signs in with any password; its subject is the
 * account's login. The caller stops it (`stop`) when the test finishes.
 */
export async function startOidcProvider(
  accounts: readonly CouncilAccount[],
): Promise<TestOidcProvider> {
  let handler: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end('not ready');
  };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'unitroom-test';
  const clientSecret = 'a-client-secret-for-tests-only-0123456789';
  const errors: string[] = [];
  return {
    issuer,
    clientId,
    clientSecret,
    errors,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    allowRedirect(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        cookies: { keys: ['oidc-provider-test-cookie-key'] },
        features: { devInteractions: { enabled: true } },
        findAccount: (_ctx: unknown, id: string): Account | undefined => {
          const account = accounts.find((candidate) => candidate.login === id);
          if (!account) return undefined;
          return {
            accountId: id,
            claims: () => ({
              sub: id,
              email: account.email,
              email_verified: account.emailVerified,
              name: account.name,
            }),
          };
        },
      });
      for (const event of ['server_error', 'authorization.error', 'grant.error']) {
        provider.on(event, (_ctx, error) => errors.push(`${event}: ${String(error)}`));
      }
      handler = provider.callback();
    },
  };
}
