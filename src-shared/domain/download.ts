import { z } from 'zod';
import { IdSchema, TimestampSchema } from './ids.ts';

/**
 * One segment of a repository id, as the Hub accepts it: 1–96 of [A-Za-z0-9._-], neither starting nor ending with
 * '.' or '-', without '--' or '..' inside (so never '.' or '..', which would lead the token's requests elsewhere).
 */
const HUB_SEGMENT = /^(?!.*(?:--|\.\.))[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;

/** A Hugging Face repository id: owner/name. */
export const HubRepoSchema = z
  .string()
  .trim()
  .refine((id) => {
    const segments = id.split('/');
    return segments.length === 2 && segments.every((segment) => HUB_SEGMENT.test(segment));
  }, 'must be a Hugging Face repository id such as "stabilityai/sdxl-turbo"');

/** A Hugging Face access token (the Hub's own format), for gated or private repositories. */
export const HubTokenSchema = z.string().trim().regex(/^hf_\w+$/, 'must be a Hugging Face access token (it starts with hf_)');

/**
 * downloading → verifying → done, or paused (by the user, or because Onestory quit) / failed (a dropped
 * connection, a full disk, a file that failed its checksum) — both resumable, their partial files kept —
 * or cancelled (partial files removed).
 */
export const DOWNLOAD_STATUSES = ['downloading', 'verifying', 'paused', 'failed', 'cancelled', 'done'] as const;
export type DownloadStatus = (typeof DOWNLOAD_STATUSES)[number];

export const DownloadFileSchema = z.strictObject({
  /** path inside the repository, '/'-separated */
  path: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** bytes on disk so far */
  receivedBytes: z.number().int().nonnegative(),
  /** the Hub's SHA-256 of the file (Git LFS files); null when the Hub gives none (small files: their Git hash is checked) */
  sha256: z.string().nullable(),
  /** done = complete and verified */
  status: z.enum(['pending', 'downloading', 'verifying', 'done']),
});
export type DownloadFile = z.infer<typeof DownloadFileSchema>;

export const DownloadSchema = z.strictObject({
  id: IdSchema,
  repo: z.string(),
  /** as asked for (a branch, tag or commit) */
  revision: z.string(),
  /** the commit the revision pointed to when the download began; every file comes from it */
  commit: z.string(),
  /** the model's name in the library once done */
  name: z.string(),
  files: z.array(DownloadFileSchema),
  totalBytes: z.number().int().nonnegative(),
  receivedBytes: z.number().int().nonnegative(),
  /** null while nothing is moving */
  bytesPerSecond: z.number().nonnegative().nullable(),
  etaSeconds: z.number().nonnegative().nullable(),
  status: z.enum(DOWNLOAD_STATUSES),
  /** why it failed or stopped, for the user */
  error: z.string().nullable(),
  /** the library's model, once done */
  modelId: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Download = z.infer<typeof DownloadSchema>;

/** What a download would fetch, shown before it starts. */
export const DownloadPlanSchema = z.strictObject({
  repo: z.string(),
  revision: z.string(),
  commit: z.string(),
  files: z.array(z.strictObject({ path: z.string(), sizeBytes: z.number().int().nonnegative(), sha256: z.string().nullable() })),
  totalBytes: z.number().int().nonnegative(),
  /** still to fetch: an unfinished download of the same files already holds the rest */
  neededBytes: z.number().int().nonnegative(),
  /** free space where the models folder is */
  freeBytes: z.number().int().nonnegative(),
  enoughSpace: z.boolean(),
  modelsDir: z.string(),
});
export type DownloadPlan = z.infer<typeof DownloadPlanSchema>;

/** The access token for the Hub: never sent back, only whether there is one and whether it outlives the app. */
export const HubStatusSchema = z.strictObject({
  hubUrl: z.string(),
  hasToken: z.boolean(),
  /** true: kept in the operating system's secret storage; false: in memory until Onestory quits */
  tokenPersistent: z.boolean(),
});
export type HubStatus = z.infer<typeof HubStatusSchema>;
