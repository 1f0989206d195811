import type Database from 'better-sqlite3';
import { settingsSchema, type Settings } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';
import type { HistoryLogger } from './types';

const partialSettingsSchema = settingsSchema.partial().strict();
type SettingKey = keyof Settings;
const SETTING_KEYS = Object.keys(settingsSchema.shape) as SettingKey[];

export class SettingsTable {
  private readonly selectAll: Database.Statement<[], { key: string; value: string }>;
  private readonly upsert: Database.Statement<[string, string]>;

  constructor(
    private readonly db: Database.Database,
    private readonly log: HistoryLogger,
  ) {
    this.selectAll = db.prepare('SELECT key, value FROM settings');
    this.upsert = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /** Stored values that no longer fit the schema (an older or hand-edited database) are left out. */
  read(): Partial<Settings> {
    const settings: Record<string, unknown> = {};
    for (const { key, value } of this.selectAll.all()) {
      if (!SETTING_KEYS.includes(key as SettingKey)) continue;
      const parsed = settingsSchema.shape[key as SettingKey].safeParse(JSON.parse(value));
      if (parsed.success) settings[key] = parsed.data;
      else this.log('HISTORY_SETTING_IGNORED', { key });
    }
    return settings as Partial<Settings>;
  }

  /** All keys of the patch or none. */
  write(patch: Partial<Settings>): void {
    const defined = Object.fromEntries(Object.entries(patch ?? {}).filter(([, value]) => value !== undefined));
    const parsed = partialSettingsSchema.safeParse(defined);
    if (!parsed.success) {
      throw new StudioError('INVALID_REQUEST', {
        details: { fields: parsed.error.issues.map((issue) => issue.path.join('.') || 'settings') },
      });
    }
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(parsed.data)) this.upsert.run(key, JSON.stringify(value));
    })();
  }
}
