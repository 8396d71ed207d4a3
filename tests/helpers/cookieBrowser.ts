/**
 * A browser without a screen: follows redirects across origins, keeps cookies (by name and path;
 * every server in the tests is on 127.0.0.1, and cookies ignore ports) and submits HTML forms as
 * a person would. For flows that cross sites, such as OpenID Connect sign-in.
 */
export interface Page {
  url: string;
  status: number;
  body: string;
  headers: Headers;
}

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

export class CookieBrowser {
  private readonly cookies = new Map<string, StoredCookie>();
  /** Every URL requested, in order, redirects included. */
  readonly visited: string[] = [];

  cookie(name: string): string | undefined {
    return [...this.cookies.values()].find((cookie) => cookie.name === name)?.value;
  }

  /** The Cookie header a request to `url` carries. */
  cookieHeader(url: string): string {
    const { pathname } = new URL(url);
    return [...this.cookies.values()]
      .filter((cookie) => pathname.startsWith(cookie.path))
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  async open(url: string, form?: URLSearchParams): Promise<Page> {
    let current = url;
    let body: URLSearchParams | undefined = form;
    for (let hops = 0; hops < 20; hops += 1) {
      this.visited.push(current);
      const headers: Record<string, string> = { cookie: this.cookieHeader(current) };
      if (body) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers.origin = new URL(current).origin;
      }
      const response = await fetch(current, {
        method: body ? 'POST' : 'GET',
        headers,
        body: body?.toString() ?? null,
        redirect: 'manual',
      });
      this.keep(response, current);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).href;
        body = undefined;
        continue;
      }
      return {
        url: current,
        status: response.status,
        body: await response.text(),
        headers: response.headers,
      };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits the page's first form with its hidden fields and `fields`. */
  submit(page: Page, fields: Record<string, string> = {}): Promise<Page> {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
    if (!form) throw new Error(`no form on ${page.url}: ${page.body.slice(0, 300)}`);
    const params = new URLSearchParams();
    for (const input of (form[2] ?? '').matchAll(/<input[^>]*>/gi)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
      if (name && /type="hidden"/.test(input[0])) params.set(name, value);
    }
    for (const [name, value] of Object.entries(fields)) params.set(name, value);
    return this.open(new URL(form[1] ?? '', page.url).href, params);
  }

  private keep(response: Response, url: string): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      const attribute = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attribute('path') ?? new URL(url).pathname.replace(/\/[^/]*$/, '/');
      const maxAge = attribute('max-age');
      const expires = attribute('expires');
      const gone =
        (maxAge !== undefined && Number(maxAge) <= 0) ||
        (expires !== undefined && Date.parse(expires) <= Date.now()) ||
        value === '';
      const key = `${name}|${path}`;
      if (gone) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path });
    }
  }
}
