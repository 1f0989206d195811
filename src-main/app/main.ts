/** Electron main-process entry (bundled to dist/main/main.cjs). */
import { startDesktopApp } from './lifecycle';

startDesktopApp();
