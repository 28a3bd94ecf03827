import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ComponentCallSchema, DeviceReportSchema, PROVIDER_CHOICES } from '../../src-shared/domain/index.ts';

/** Every app-wide setting: its schema and its value before anyone set it. */
const SETTINGS = {
  /** the model new stories start with */
  defaultModelId: { schema: z.string().nullable(), initial: null },
  /** the execution provider asked of the engine */
  provider: { schema: z.enum(PROVIDER_CHOICES), initial: 'auto' },
  /** what the last job ran on, and why not on the chosen provider when it could not; where and how its components ran
   * (absent from what versions before the hardware page's device report stored) */
  lastRun: {
    schema: z
      .object({
        provider: z.string(),
        fallbackReason: z.string().nullable(),
        device: DeviceReportSchema.nullable().default(null),
        calls: z.record(z.string(), z.array(ComponentCallSchema)).default({}),
      })
      .nullable(),
    initial: null,
  },
  /** in a project file: the model its story was made with, so a library without it can say which one */
  projectModel: { schema: z.object({ id: z.string(), name: z.string(), family: z.string() }).nullable(), initial: null },
} as const;

type Settings = typeof SETTINGS;
export type SettingKey = keyof Settings;
export type SettingValue<K extends SettingKey> = z.output<Settings[K]['schema']>;

export type SettingsRepo = ReturnType<typeof createSettingsRepo>;

export function createSettingsRepo(db: Database.Database) {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  return {
    get<K extends SettingKey>(key: K): SettingValue<K> {
      const row = read.get(key);
      const setting = SETTINGS[key];
      // A value written by a newer version that this one cannot read counts as unset.
      const parsed = row ? setting.schema.safeParse(JSON.parse(row.value)) : undefined;
      return (parsed?.success ? parsed.data : setting.initial) as SettingValue<K>;
    },
    set<K extends SettingKey>(key: K, value: SettingValue<K>): void {
      write.run(key, JSON.stringify(SETTINGS[key].schema.parse(value)));
    },
  };
}
