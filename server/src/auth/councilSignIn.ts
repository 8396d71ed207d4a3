import type { Kysely } from 'kysely';
import type * as Oidc from 'openid-client';
import type { CouncilSignInRefusal } from '@unitroom/shared';
import type { Database } from '../db/schema.js';

/** openid-client (and jose) load on the first council sign-in, not in every deployment. */
const openidClient = (): Promise<typeof Oidc> => import('openid-client');

/** How this deployment talks to the council's OpenID Connect provider (Entra ID or another). */
export interface CouncilSignInConfig {
  /** The provider's issuer URL, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * Where the provider sends the browser back: this server's public origin followed by
   * `/api/sign-in/council/callback`, exactly as registered with the provider. Absent: the
   * listening address (`http://127.0.0.1:<port>/...`), for tests and a local trial only.
   */
  redirectUrl?: string;
  /**
   * E-mail domains whose people may be linked to an account on their first sign-in, lower case
   * (`council.gov.uk`). A person already linked signs in by subject whatever their address.
   */
  allowedDomains: readonly string[];
}

/** A council sign-in that did not sign anyone in: what to tell the person, and what to audit. */
export class CouncilSignInRefused extends Error {
  constructor(
    readonly reason: CouncilSignInRefusal,
    /** For the audit trail and the log only; never shown to the person. */
    readonly detail: string,
    /** The e-mail the provider named, when it named one, for the audit trail. */
    readonly email: string | null = null,
  ) {
    super(`council sign-in refused (${reason}): ${detail}`);
  }
}

/**
 * What the browser keeps between leaving for the provider and coming back (an HttpOnly cookie of
 * its own): the PKCE verifier, the state and the nonce this server made, and where to go after.
 */
export interface PendingSignIn {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
  /** Epoch ms after which the callback is refused: a sign-in left half-way does not linger. */
  expires: number;
}

/** A sign-in left at the provider for longer than this starts again. */
export const PENDING_SIGN_IN_MS = 10 * 60 * 1000;

/**
 * Council sign-in by the authorization code flow with PKCE, through openid-client. Knows nothing of
 * Express: `begin` says where to send the browser and what to remember; `complete` turns the
 * provider's answer into one of our users or a `CouncilSignInRefused`.
 *
 * Who is let in: the person linked to the provider's subject; else, once, the person whose
 * account has the e-mail address the provider vouches for (verified, in an allowed domain), who
 * is then linked to that subject. Anyone else is refused: Unitroom never creates an account
 * because a council account exists.
 */
export class CouncilSignIn {
  private discovered: Promise<Oidc.Configuration> | null = null;
  private fallbackRedirect: string | null = null;

  constructor(
    private readonly config: CouncilSignInConfig,
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The listening address, used when no redirect URL is configured. */
  listeningAt(origin: string): void {
    this.fallbackRedirect = `${origin}/api/sign-in/council/callback`;
  }

  private get redirectUrl(): string {
    const url = this.config.redirectUrl ?? this.fallbackRedirect;
    if (!url) throw new Error('council sign-in has no redirect URL until the server listens');
    return url;
  }

  /** Discovery on first use, retried on the next sign-in if the provider was unreachable. */
  private provider(): Promise<Oidc.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(this.config.issuer);
      // Plain http only for a provider on this machine (tests, a local trial).
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      this.discovered = openidClient()
        .then((oidc) =>
          oidc.discovery(
            issuer,
            this.config.clientId,
            this.config.clientSecret,
            oidc.ClientSecretBasic(this.config.clientSecret),
            {
              timeout: 10,
              ...(issuer.protocol === 'http:' && loopback
                ? { execute: [oidc.allowInsecureRequests] }
                : {}),
            },
          ),
        )
        .catch((error: unknown) => {
          this.discovered = null;
          throw error;
        });
    }
    return this.discovered;
  }

  /** Where to send the browser, and what it must bring back. */
  async begin(returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
    const provider = await this.provider();
    const oidc = await openidClient();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(provider, {
      redirect_uri: this.redirectUrl,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return {
      url: url.href,
      pending: { verifier, state, nonce, returnTo, expires: this.now() + PENDING_SIGN_IN_MS },
    };
  }

  /**
   * The provider sent the browser back with `search` (the callback's query string). Exchanges the
   * code (checking state, nonce and PKCE) and returns the user to sign in.
   */
  async complete(
    search: string,
    pending: PendingSignIn | null,
  ): Promise<{ userId: string; email: string; linked: boolean }> {
    if (!pending || pending.expires < this.now())
      throw new CouncilSignInRefused('failed', 'no sign-in in progress, or it expired');
    const provider = await this.provider();
    const oidc = await openidClient();
    const callback = new URL(this.redirectUrl);
    callback.search = search;
    let claims: Record<string, unknown> & { sub: string };
    try {
      const tokens = await oidc.authorizationCodeGrant(provider, callback, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken?.sub) throw new CouncilSignInRefused('failed', 'no subject in the ID token');
      claims = idToken;
      // Providers that keep the e-mail out of the ID token give it at the userinfo endpoint,
      // for the same subject (checked by openid-client).
      if (claims.email === undefined && provider.serverMetadata().userinfo_endpoint) {
        claims = {
          ...(await oidc.fetchUserInfo(provider, tokens.access_token, idToken.sub)),
          sub: idToken.sub,
        };
      }
    } catch (error) {
      if (error instanceof CouncilSignInRefused) throw error;
      throw new CouncilSignInRefused(
        'failed',
        error instanceof Error ? `${error.name}: ${error.message}` : 'the exchange failed',
      );
    }
    const issuer = provider.serverMetadata().issuer;

    const known = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'deactivated_at'])
      .where('oidc_issuer', '=', issuer)
      .where('oidc_subject', '=', claims.sub)
      .executeTakeFirst();
    // [A7] A deactivated person is not let in, whoever vouches for them.
    if (known?.deactivated_at) {
      throw new CouncilSignInRefused('not-known', 'this person is deactivated', known.email);
    }
    if (known) return { userId: known.id, email: known.email, linked: false };

    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    if (!email) throw new CouncilSignInRefused('not-known', 'the provider named no e-mail address');
    // Entra ID vouches for a domain with `xms_edov` (an optional claim) rather than `email_verified`.
    if (claims.email_verified !== true && claims.xms_edov !== true)
      throw new CouncilSignInRefused('not-verified', 'the e-mail address is not verified', email);
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (!this.config.allowedDomains.includes(domain))
      throw new CouncilSignInRefused('not-known', `the domain ${domain} is not allowed`, email);

    const person = await this.db
      .selectFrom('users')
      .select(['id', 'oidc_subject', 'deactivated_at'])
      .where('email', '=', email)
      .executeTakeFirst();
    if (!person) throw new CouncilSignInRefused('not-known', 'nobody has this address', email);
    if (person.deactivated_at) {
      throw new CouncilSignInRefused('not-known', 'this person is deactivated', email);
    }
    // Linked once; a second council identity claiming the same address is not let in.
    const linking = await this.db
      .updateTable('users')
      .set({ oidc_issuer: issuer, oidc_subject: claims.sub })
      .where('id', '=', person.id)
      .where('oidc_subject', 'is', null)
      .executeTakeFirst();
    if (Number(linking.numUpdatedRows) !== 1)
      throw new CouncilSignInRefused(
        'not-known',
        'the account is linked to another council identity',
        email,
      );
    return { userId: person.id, email, linked: true };
  }
}
