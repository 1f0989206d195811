import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAllowedNavigation } from './urlPolicy';

describe('openExternal allowlist', () => {
  it.each([
    'https://github.com/rhasspy/piper',
    'https://huggingface.co/rhasspy/piper-voices',
    'https://creativecommons.org/licenses/by/4.0/',
    'https://www.gnu.org/licenses/gpl-3.0.html',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'smb://attacker.example/share',
    'ms-msdt:/id PCWDiagnostic',
    'http://github.com/',
    'https://github.com.evil.example/',
    'https://evilgithub.com/',
    'https://user:pass@github.com/',
    'https://github.com:8443/',
    'data:text/html,<script>alert(1)</script>',
    'app://studio/index.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('navigation guard', () => {
  it('allows only the app’s own pages', () => {
    expect(isAllowedNavigation('app://studio/index.html')).toBe(true);
    expect(isAllowedNavigation('https://github.com/')).toBe(false);
    expect(isAllowedNavigation('file:///work/main/dist/renderer/index.html')).toBe(false);
    expect(isAllowedNavigation('app://other/index.html')).toBe(false);
  });
});
