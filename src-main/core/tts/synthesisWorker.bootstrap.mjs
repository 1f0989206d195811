// Entry used when running from TypeScript sources (tsx, vitest): worker threads and child
// processes do not inherit the parent's TypeScript loader, so register tsx here first. The
// bundled app starts the compiled synthesisWorker.js directly instead.
import { register } from 'tsx/esm/api';

register();
await import('./synthesisWorker.ts');
