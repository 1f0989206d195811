import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Studio } from '../../src-main/core/studio';
import { openRealStudio, RENDERER_DIR } from '../test-host/realStudio';
import { startTestHost, type TestHost } from '../test-host/server';
import { launchChromium } from './chromium';

/** What every browser spec stands on: a temp folder, the real core, the test host and Chromium. */
export interface E2eSession {
  workDir: string;
  studio: Studio;
  host: TestHost;
  browser: Browser;
  close(): Promise<void>;
}

export async function openE2eSession(name: string): Promise<E2eSession> {
  const workDir = mkdtempSync(join(tmpdir(), `voicemark-e2e-${name}-`));
  let studio: Studio | undefined;
  let host: TestHost | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await host?.close();
    await studio?.close();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    studio = await openRealStudio(join(workDir, 'data'));
    host = await startTestHost({ studio, rendererDir: RENDERER_DIR, workDir });
    browser = await launchChromium();
    return { workDir, studio, host, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
