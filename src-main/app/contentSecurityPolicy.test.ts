import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, injectStyleNonce, STYLE_NONCE_PLACEHOLDER } from './contentSecurityPolicy';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as [string, string[]];
    }),
  );
}

describe('content security policy', () => {
  const csp = directives(buildContentSecurityPolicy('abc123'));

  it('forbids eval, inline script and every remote origin', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    for (const [, values] of csp) {
      expect(values).not.toContain("'unsafe-eval'");
      expect(values).not.toContain("'unsafe-inline'");
      expect(values.some((value) => /^(https?:|wss?:|\*)/.test(value))).toBe(false);
    }
  });

  it('plays audio only from blob: URLs or the app itself', () => {
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:']);
  });

  it('allows inline styles only with the response nonce', () => {
    expect(csp.get('style-src')).toEqual(["'self'", "'nonce-abc123'"]);
  });

  it('refuses framing, plugins, base rewriting and form posts', () => {
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('puts the nonce into every placeholder of the page', () => {
    const html = `<meta name="a" content="${STYLE_NONCE_PLACEHOLDER}"><x n="${STYLE_NONCE_PLACEHOLDER}">`;
    expect(injectStyleNonce(html, 'n1')).toBe('<meta name="a" content="n1"><x n="n1">');
  });
});
