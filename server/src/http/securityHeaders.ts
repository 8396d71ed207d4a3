import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of every response: only this origin's scripts, styles, fonts and
 * connections (WebSockets to this origin included: CSP Level 3 'self' covers ws:/wss: of the same
 * host); images from this origin and blob: (the genogram's PNG export draws its SVG from a blob:
 * URL); nothing framed, embedded or framing us. Inline styles stay allowed because the editor's
 * collaboration carets and Tiptap's own stylesheet are set inline.
 */
export function contentSecurityPolicy(options: { upgradeInsecureRequests: boolean }) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameSrc: ["'none'"],
      workerSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      ...(options.upgradeInsecureRequests ? { upgradeInsecureRequests: [] } : {}),
    },
  };
}

/** Features a meeting workspace never uses; denied so an injected script could not ask either. */
const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), ' +
  'display-capture=(), interest-cohort=()';

/**
 * Sets the security headers, and `Cache-Control: no-store`, on a response before anything else
 * handles it: Express routes, static files, errors, 404s, and socket.io's own HTTP answers.
 * Whatever may be cached (the built client's hashed assets) says so itself afterwards.
 */
export function securityHeaders(options: {
  https: boolean;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const helmetHeaders = helmet({
    contentSecurityPolicy: contentSecurityPolicy({ upgradeInsecureRequests: options.https }),
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.https
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
  });
  return (req, res) => {
    helmetHeaders(req, res, () => undefined);
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    res.setHeader('Cache-Control', 'no-store');
  };
}

/** The same headers as raw lines, for answers written straight to a socket (431, 400). */
export function rawSecurityHeaderLines(): string {
  return [
    "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options: nosniff',
    'X-Frame-Options: DENY',
    'Cache-Control: no-store',
  ].join('\r\n');
}
