import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_API_KEYS } from '../../src-shared/rendererApi';
import { screenshot } from '../support/artifacts';
import { evalFromPageTask } from '../support/cspProbe';
import { electronSkipReason, launchApp, type LaunchedApp } from './launchApp';

if (electronSkipReason) console.log(electronSkipReason);

describe.skipIf(electronSkipReason !== null)('Voicemark Studio in Electron', () => {
  let launched: LaunchedApp;

  const insecureRequests: string[] = [];

  beforeAll(async () => {
    launched = await launchApp();
    launched.page.on('request', (request) => {
      const url = request.url();
      if (!/^(app|blob|data):/.test(url)) insecureRequests.push(url);
    });
  });

  afterAll(async () => {
    await launched?.app.close();
    if (launched) rmSync(launched.workDir, { recursive: true, force: true });
  });

  describe('security settings', () => {
    it('runs the renderer in an OS sandbox, context-isolated, without <webview>', async () => {
      const { app, page } = launched;
      // The options themselves are unit-tested (windowOptions.test.ts); here, their effect.
      const pid = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].webContents.getOSProcessId());
      if (process.platform === 'linux') {
        // Chromium's sandbox confines the renderer with seccomp-bpf (mode 2, "filter").
        expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^Seccomp:\s+2$/m);
      }
      // contextBridge refuses to work without context isolation, so the API being there proves it.
      expect(await page.evaluate(() => typeof window.studio.speak)).toBe('function');
      expect(await page.evaluate(() => typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer)).toBe('undefined');
      expect(await page.evaluate(() => document.createElement('webview').constructor.name)).toBe('HTMLUnknownElement');
    });

    it('serves the page from app:// with the CSP header, and 404s traversal', async () => {
      const { page } = launched;
      expect(page.url()).toBe('app://studio/index.html');
      const answers = await page.evaluate(async () => {
        const out: Array<{ status: number; csp: string | null }> = [];
        for (const url of ['app://studio/index.html', 'app://studio/..%2f..%2fetc%2fpasswd', 'app://studio/missing.js']) {
          const response = await fetch(url);
          out.push({ status: response.status, csp: response.headers.get('content-security-policy') });
        }
        return out;
      });
      expect(answers.map((a) => a.status)).toEqual([200, 404, 404]);
      for (const answer of answers) expect(answer.csp).toContain("script-src 'self'");
    });

    it('has no Node, no require and no process in the page; window.studio is exactly the contract', async () => {
      const { page } = launched;
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as unknown as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys(window.studio))).toEqual([...RENDERER_API_KEYS]);
      const evalOutcome = await evalFromPageTask(page);
      expect(evalOutcome).toBe('EvalError');
    });

    it('refuses navigation away from the app and opens no window', async () => {
      const { page, app } = launched;
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe('app://studio/index.html');
      const opened = await page.evaluate(() => window.open('https://example.com/') === null);
      expect(opened).toBe(true);
      expect(app.windows()).toHaveLength(1);
    });

    it('denies every permission request', async () => {
      const { page } = launched;
      const media = await page.evaluate(() =>
        navigator.mediaDevices.getUserMedia({ audio: true }).then(
          () => 'granted',
          (error: Error) => error.name,
        ),
      );
      expect(media).toBe('NotAllowedError');
      expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
    });
  });

  it('loads only app:, blob: and data: URLs (never http: or ws:)', async () => {
    await launched.page.reload();
    await launched.page.getByRole('button', { name: 'Generate' }).waitFor();
    expect(insecureRequests).toEqual([]);
  });

  describe('the studio flows', () => {
    /** Long enough (about 18 s of speech) for the watermark to be detected again after export. */
    const SCRIPT =
      'Voicemark keeps a record of every clip it makes. Each clip carries a quiet watermark that names the moment it was made. If the file comes back, the studio can tell you which text and which voice produced it. This paragraph is long enough for the watermark to be found again. Thank you for listening to this short test.';
    let id = '';

    it('generates a clip, lists it in History and exports it through the save dialog', async () => {
      const { page, app, workDir } = launched;
      await page.getByLabel('Script').fill(SCRIPT);
      await page.getByTestId('policy-panel').getByText('Allowed').waitFor();
      await page.getByRole('button', { name: 'Generate' }).click();
      await page.getByTestId('result-pane').locator('.waveform[data-state="ready"]').waitFor({ timeout: 120_000 });
      id = (await page.getByTestId('result-pane').locator('code').first().textContent()) ?? '';
      await screenshot(page, 'electron-studio');

      const exportPath = join(workDir, 'exported.wav');
      // The save dialog is native UI Playwright cannot click: answer it from main.
      await app.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
      }, exportPath);
      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByTestId('history-list').locator(`[data-generation-id="${id}"]`).click();
      await page.getByTestId('history-detail').getByRole('button', { name: 'Export WAV…' }).click();
      await expect.poll(() => page.getByTestId('export-status').textContent()).toMatch(/^Saved exported\.wav \(/);
      expect(readFileSync(exportPath).subarray(0, 4).toString('latin1')).toBe('RIFF');

      // A picked file reaches main as a real path (webUtils.getPathForFile in the preload).
      await page.getByRole('tab', { name: 'Check' }).click();
      await page.getByTestId('check-drop-input').setInputFiles(exportPath);
      const entry = page.getByTestId('check-results').locator('li').first();
      await entry.locator('[data-watermarked="true"]').waitFor({ timeout: 120_000 });
      await entry.getByTestId('matched-record').getByText(SCRIPT).waitFor();
      await screenshot(page, 'electron-check');
      expect(insecureRequests).toEqual([]);
    });
  });
});
