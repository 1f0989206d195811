import type { Migration } from './migration';
import { migration001Initial } from './001_initial';

export type { Migration } from './migration';

/** In order. A new schema change is a new file here, never an edit of an applied one. */
export const MIGRATIONS: readonly Migration[] = [migration001Initial];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
