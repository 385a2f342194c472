import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_CLIENT_DIR } from '../gateway/web-client';

/** The built client (`npm run build:web`, part of `npm test`): its first view is small and needs nothing from elsewhere. */
describe('web client build', () => {
  const index = join(WEB_CLIENT_DIR, 'index.html');
  const read = (path: string) => readFileSync(join(WEB_CLIENT_DIR, path));

  beforeAll(() => {
    if (!existsSync(index)) throw new Error(`${index} is missing: run npm run build:web first`);
  });

  /** The entry script and every chunk it imports statically: what the first view loads. */
  function firstViewScripts(): string[] {
    const html = read('index.html').toString();
    const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
    if (!entry) throw new Error('no entry script in index.html');
    const seen = new Set<string>();
    const visit = (path: string): void => {
      if (seen.has(path)) return;
      seen.add(path);
      const code = read(path).toString();
      // Static imports only (`import{..}from"./x.js"`, `import"./x.js"`); `import("./x.js")` loads later.
      for (const [, target] of code.matchAll(
        /(?:^|[;\s}])import\s*(?:[\w${},\s*]+from\s*)?["']([^"']+)["']/g,
      )) {
        visit(new URL(target ?? '', `http://client${path}`).pathname);
      }
    };
    visit(entry);
    return [...seen];
  }

  test('the first view loads under 25 KB of JavaScript, gzipped', () => {
    const scripts = firstViewScripts();
    const gzipped = scripts.reduce((sum, path) => sum + gzipSync(read(path), { level: 9 }).length, 0);
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzipped).toBeLessThan(25 * 1024);
  });

  test('pages and the OIDC client are separate chunks, not in the first view', () => {
    const scripts = firstViewScripts().join(' ');
    const entry = read(firstViewScripts()[0] ?? '').toString();
    for (const page of ['dashboard', 'casusoverleg', 'mijn-inzage', 'gebruiksrapportage', 'oidc']) {
      expect(scripts).not.toContain(page);
      expect(entry).toMatch(new RegExp(`import\\(["'\`]\\./${page}-[\\w-]+\\.js["'\`]\\)`));
    }
  });

  test('no script, style, font or image comes from another host', () => {
    const html = read('index.html').toString();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const css = firstViewCss(html);
    expect(css).not.toMatch(/@import/);
    expect(css).not.toMatch(/@font-face/);
    for (const [, url] of css.matchAll(/url\(\s*["']?([^"')]+)/g)) expect(url).toMatch(/^(data:|\/)/);
  });

  function firstViewCss(html: string): string {
    return [...html.matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)]
      .map(([, href]) => read(href ?? '').toString())
      .join('\n');
  }
});
