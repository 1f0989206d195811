import { describe, expect, it } from 'vitest';
import { isTrustedAppFrame } from './senderCheck';

describe('sender frame check', () => {
  it('trusts the app page in the top frame', () => {
    expect(isTrustedAppFrame({ url: 'app://studio/index.html', isTopFrame: true })).toBe(true);
    expect(isTrustedAppFrame({ url: 'app://studio/', isTopFrame: true })).toBe(true);
  });

  it('refuses the app page inside a sub-frame', () => {
    expect(isTrustedAppFrame({ url: 'app://studio/index.html', isTopFrame: false })).toBe(false);
  });

  it.each([
    'app://evil/index.html',
    'app://studio@evil/index.html',
    'app://studio:80@evil/',
    'https://studio/index.html',
    'http://127.0.0.1:5173/',
    'file:///work/main/dist/renderer/index.html',
    'about:blank',
    'data:text/html,hi',
    'javascript:alert(1)',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isTrustedAppFrame({ url, isTopFrame: true })).toBe(false);
  });

  it('refuses a frame whose URL is gone', () => {
    expect(isTrustedAppFrame({ url: undefined, isTopFrame: true })).toBe(false);
  });
});
