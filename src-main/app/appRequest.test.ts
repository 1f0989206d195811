import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppRequest } from './appRequest';

let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'vm-approot-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'notes.txt'), 'not served');
  // Files beside the root that a traversal would try to reach.
  writeFileSync(join(base, 'secret.js'), 'secret');
  mkdirSync(join(base, 'etc'));
  writeFileSync(join(base, 'etc', 'passwd'), 'root:x:0:0');
  symlinkSync(join(base, 'secret.js'), join(root, 'assets', 'link.js'));
  mkdirSync(join(root, 'folder.js'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// protocol path containment', () => {
  it('serves index.html for the root and marks it as the page', () => {
    const plan = resolveAppRequest('GET', 'app://studio/', root);
    expect(plan).toMatchObject({ status: 200, isIndex: true, contentType: 'text/html; charset=utf-8' });
  });

  it('serves an asset inside the root', () => {
    const plan = resolveAppRequest('GET', 'app://studio/assets/app.js', root);
    expect(plan).toMatchObject({ status: 200, isIndex: false, filePath: join(root, 'assets', 'app.js') });
  });

  it.each([
    'app://x/../../etc/passwd',
    'app://studio/../../etc/passwd',
    'app://studio/%2e%2e/%2e%2e/etc/passwd',
    'app://studio/..%2f..%2fetc%2fpasswd',
    'app://studio/..%2fsecret.js',
    'app://studio/assets/..%5c..%5csecret.js',
    'app://studio/assets/%2e%2e%2f%2e%2e%2fsecret.js',
    'app://studio/%252e%252e/secret.js',
    'app://studio/assets/app.js%00.html',
    'app://studio/%E0%A4%A',
    'app://studio//etc/passwd',
    'app://studio/assets/link.js',
    'app://studio/folder.js',
    'app://studio/assets/notes.txt',
    'app://studio/missing.js',
    'app://evil/index.html',
    'app://studio@evil/index.html',
    'file:///etc/passwd',
  ])('answers 404 for %s', (url) => {
    expect(resolveAppRequest('GET', url, root)).toEqual({ status: 404 });
  });

  it('refuses methods that are not reads', () => {
    expect(resolveAppRequest('POST', 'app://studio/index.html', root)).toEqual({ status: 405 });
  });
});
