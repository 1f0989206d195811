/** The CSP nonce the server put in the page, for libraries that inject a <style> (wavesurfer). */
export function readStyleNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="voicemark-style-nonce"]');
  const value = meta?.content ?? '';
  return value && !value.startsWith('__') ? value : undefined;
}
