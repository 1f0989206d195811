import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-shared/errors';
import { createKeyStore, KEY_STORE_FILE, type KeyStore } from '.';

let folder: string;
let dataDir: string;
let store: KeyStore;
const storePath = () => join(dataDir, KEY_STORE_FILE);
const posix = process.platform !== 'win32';
if (!posix) console.warn('SKIPPED: file-mode and symlink checks of the key store need POSIX permissions (not on Windows)');

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'vm-keys-'));
  dataDir = join(folder, 'data');
  mkdirSync(dataDir);
  store = createKeyStore({ dataDir, reservedIds: ['voicemark-studio'] });
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function thrownBy(action: () => unknown): unknown {
  try {
    action();
    return undefined;
  } catch (error) {
    return error;
  }
}

function codeOf(action: () => unknown): string {
  const error = thrownBy(action);
  if (error === undefined) return 'ok';
  return error instanceof StudioError ? error.code : String(error);
}

function storedDocument(): { active: string | null; keys: Array<{ id: string; secret: string; createdAt: string }> } {
  return JSON.parse(readFileSync(storePath(), 'utf8'));
}

describe('key store', () => {
  it('starts empty without creating a file', () => {
    expect(store.list()).toEqual([]);
    expect(store.watermarkKeys()).toEqual({ active: null, all: [] });
    expect(codeOf(() => statSync(storePath()))).not.toBe('ok');
  });

  it('creates a key named after its secret, stored 0600, with 32 random bytes', () => {
    const key = store.create();
    const { keys, active } = storedDocument();
    expect(keys).toHaveLength(1);
    expect(Buffer.from(keys[0].secret, 'base64')).toHaveLength(32);
    expect(key).toEqual({ id: keys[0].id, createdAt: keys[0].createdAt, active: true });
    expect(key.id).toMatch(/^private-[0-9a-f]{8}$/);
    expect(active).toBe(key.id);
    if (posix) expect(statSync(storePath()).mode & 0o777).toBe(0o600);
  });

  it('keeps every key and makes the newest active', () => {
    const first = store.create();
    const second = store.create('studio-b.2');
    expect(store.list()).toEqual([
      { ...first, active: false },
      { ...second, active: true },
    ]);
    const { active, all } = store.watermarkKeys();
    expect(active?.id).toBe('studio-b.2');
    expect(all.map((key) => key.id)).toEqual([first.id, 'studio-b.2']);
  });

  it('hands out derived watermark keys, never the stored secret', () => {
    store.create('mine');
    const stored = Buffer.from(storedDocument().keys[0].secret, 'base64');
    const { active } = store.watermarkKeys();
    expect(Buffer.from(active!.secret).equals(stored)).toBe(false);
  });

  it.each([
    ['an empty label', ''],
    ['a label of 65 characters', 'a'.repeat(65)],
    ['a space', 'my key'],
    ['a slash', 'keys/mine'],
    ['the public key id', 'voicemark-studio'],
  ])('refuses %s as an id', (_name, id) => {
    expect(codeOf(() => store.create(id))).toBe('INVALID_REQUEST');
    expect(store.list()).toEqual([]);
  });

  it('refuses a second key under an existing id', () => {
    store.create('mine');
    const before = readFileSync(storePath());
    expect(codeOf(() => store.create('mine'))).toBe('WATERMARK_KEY_EXISTS');
    expect(readFileSync(storePath()).equals(before)).toBe(true);
  });

  it('exports a key 0600 and imports it elsewhere as the active key', () => {
    const key = store.create('mine');
    store.create('newer');
    const backup = join(folder, 'mine.key.json');
    expect(store.exportKey('mine', backup)).toEqual({ ...key, active: false });
    if (posix) expect(statSync(backup).mode & 0o777).toBe(0o600);

    const otherDir = join(folder, 'other');
    mkdirSync(otherDir);
    const other = createKeyStore({ dataDir: otherDir, reservedIds: ['voicemark-studio'] });
    other.create('theirs');
    expect(other.importKey(backup)).toEqual({ ...key, active: true });
    expect(other.list().map((k) => [k.id, k.active])).toEqual([
      ['theirs', false],
      ['mine', true],
    ]);
    expect(other.watermarkKeys().active).toEqual(store.watermarkKeys().all[0]);
  });

  it('re-importing the same key only re-activates it; a different key under that id is refused', () => {
    store.create('mine');
    const backup = join(folder, 'mine.key.json');
    store.exportKey('mine', backup);
    store.create('newer');
    expect(store.importKey(backup).active).toBe(true);
    expect(store.list()).toHaveLength(2);

    const otherDir = join(folder, 'other');
    mkdirSync(otherDir);
    const other = createKeyStore({ dataDir: otherDir, reservedIds: ['voicemark-studio'] });
    other.create('mine');
    expect(codeOf(() => other.importKey(backup))).toBe('WATERMARK_KEY_EXISTS');
    expect(other.list()).toHaveLength(1);
  });

  it('refuses to export an unknown key, into a missing folder, or over the store itself', () => {
    store.create('mine');
    const before = readFileSync(storePath());
    expect(codeOf(() => store.exportKey('nope', join(folder, 'x.json')))).toBe('WATERMARK_KEY_NOT_FOUND');
    expect(codeOf(() => store.exportKey('mine', join(folder, 'missing', 'x.json')))).toBe('OUTPUT_DIR_MISSING');
    expect(codeOf(() => store.exportKey('mine', storePath()))).toBe('INVALID_REQUEST');
    expect(readFileSync(storePath()).equals(before)).toBe(true);
  });

  it.each([
    ['JSON that is not a key export', '{"keys":[]}'],
    ['the key store file itself', 'STORE'],
    ['text', 'not json at all'],
  ])('refuses to import %s', (_name, content) => {
    store.create('mine');
    const file = join(folder, 'import.json');
    writeFileSync(file, content === 'STORE' ? readFileSync(storePath()) : content);
    expect(codeOf(() => store.importKey(file))).toBe('WATERMARK_KEY_FILE_INVALID');
  });
});

describe('key store: a damaged, edited or exposed file is refused and left as it is', () => {
  const secretA = Buffer.alloc(32, 1).toString('base64');
  const valid = {
    version: 1,
    active: 'a',
    keys: [{ id: 'a', secret: secretA, createdAt: '2025-01-01T00:00:00.000Z' }],
  };
  const cases: Array<[string, string]> = [
    ['not JSON', '{"version":1,'],
    ['an unknown field', JSON.stringify({ ...valid, extra: true })],
    ['a future version', JSON.stringify({ ...valid, version: 2 })],
    ['a secret of 31 bytes', JSON.stringify({ ...valid, keys: [{ ...valid.keys[0], secret: Buffer.alloc(31, 1).toString('base64') }] })],
    ['a secret in non-canonical base64', JSON.stringify({ ...valid, keys: [{ ...valid.keys[0], secret: secretA.replace('=', '') }] })],
    ['two keys with one id', JSON.stringify({ ...valid, keys: [valid.keys[0], valid.keys[0]] })],
    ['an active id that names no key', JSON.stringify({ ...valid, active: 'b' })],
    ['no active key although keys exist', JSON.stringify({ ...valid, active: null })],
    ['a bad date', JSON.stringify({ ...valid, keys: [{ ...valid.keys[0], createdAt: 'yesterday' }] })],
  ];

  it.each(cases)('%s', (_name, content) => {
    writeFileSync(storePath(), content, { mode: 0o600 });
    for (const action of [() => store.list(), () => store.watermarkKeys(), () => store.create()]) {
      expect(codeOf(action)).toBe('WATERMARK_KEYS_INVALID');
    }
    expect(readFileSync(storePath(), 'utf8')).toBe(content);
  });

  it('never puts the file content into the error', () => {
    const content = JSON.stringify({ ...valid, keys: [{ ...valid.keys[0], secret: `${secretA}x` }] });
    writeFileSync(storePath(), content, { mode: 0o600 });
    const thrown = thrownBy(() => store.list());
    expect((thrown as StudioError).code).toBe('WATERMARK_KEYS_INVALID');
    expect(JSON.stringify((thrown as StudioError).toJSON())).not.toContain(secretA);
    expect((thrown as Error).message).not.toContain(secretA);
  });

  it.skipIf(!posix)('a file other users can read', () => {
    writeFileSync(storePath(), JSON.stringify(valid), { mode: 0o600 });
    chmodSync(storePath(), 0o644);
    const thrown = thrownBy(() => store.list());
    expect((thrown as StudioError).code).toBe('WATERMARK_KEYS_INVALID');
    expect((thrown as StudioError).details).toEqual({ reason: 'permissions' });
    expect(codeOf(() => store.create())).toBe('WATERMARK_KEYS_INVALID');
    expect(statSync(storePath()).mode & 0o777).toBe(0o644);
    expect(JSON.parse(readFileSync(storePath(), 'utf8'))).toEqual(valid);
  });

  it.skipIf(!posix)('a link in place of the file', () => {
    const elsewhere = join(folder, 'elsewhere.json');
    writeFileSync(elsewhere, JSON.stringify(valid), { mode: 0o600 });
    symlinkSync(elsewhere, storePath());
    expect(codeOf(() => store.list())).toBe('WATERMARK_KEYS_INVALID');
    expect(codeOf(() => store.create())).toBe('WATERMARK_KEYS_INVALID');
    expect(JSON.parse(readFileSync(elsewhere, 'utf8'))).toEqual(valid);
  });

  it('a folder in place of the file', () => {
    mkdirSync(storePath());
    expect(codeOf(() => store.list())).toBe('WATERMARK_KEYS_INVALID');
  });
});
