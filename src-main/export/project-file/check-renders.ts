// Every render a project file brings is checked before anything is copied: its values against the schema and its
// images from their headers (never decoding pixels), within a byte budget per image and per file. A refusal names
// the frame by number and prompt, so the user knows which picture is wrong.
import { z } from 'zod';
import { RenderSchema } from '../../../src-shared/domain/index.ts';
import { renderPngProblem, RENDER_PNG_MAX_BYTES, thumbnailPngProblem } from '../png-check.ts';
import type { ProjectRepos } from './copy-project.ts';
import { firstIssue, frameLabel } from './describe.ts';
import type Database from 'better-sqlite3';

/** All the images one import may bring together (renders and thumbnails): 32 renders at their largest. */
export const IMPORT_IMAGE_MAX_BYTES = 32 * RENDER_PNG_MAX_BYTES;

interface RenderRow {
  id: string;
  /** 1-based, in story order */
  frame: number;
  prompt: string;
  /** 1-based, oldest first, of `variants` */
  variant: number;
  variants: number;
  bytes: number;
  thumbnailBytes: number | null;
}

/** Throws, in words for the user, at the first render of the project that cannot be imported as it is. */
export async function checkRenders(db: Database.Database, repos: ProjectRepos, projectId: string, maxTotalBytes = IMPORT_IMAGE_MAX_BYTES): Promise<void> {
  // length() of a BLOB reads its size, not its bytes: an oversized image is refused before it is loaded.
  const rows = db
    .prepare<[string], RenderRow>(
      `SELECT r.id, f.number AS frame, f.prompt,
         row_number() OVER (PARTITION BY r.frame_id ORDER BY r.created_at, r.rowid) AS variant,
         count(*) OVER (PARTITION BY r.frame_id) AS variants,
         length(r.png) AS bytes, length(r.thumbnail) AS thumbnailBytes
       FROM renders r JOIN (SELECT id, prompt, row_number() OVER (ORDER BY position) AS number FROM frames WHERE project_id = ?) f
         ON f.id = r.frame_id
       ORDER BY f.number, variant`,
    )
    .all(projectId);
  let total = 0;
  for (const row of rows) {
    const where = `${frameLabel(row.frame, row.prompt)}${row.variants > 1 ? `, variant ${row.variant} of ${row.variants}` : ''}`;
    const refuse = (why: string) => new Error(`${where}: ${why}`);
    const render = parseRender(repos, row.id, refuse);
    for (const bytes of [row.bytes, row.thumbnailBytes ?? 0]) {
      if (bytes > RENDER_PNG_MAX_BYTES) throw refuse(`an image of ${bytes} bytes, more than the ${RENDER_PNG_MAX_BYTES} a render can be`);
    }
    total += row.bytes + (row.thumbnailBytes ?? 0);
    if (total > maxTotalBytes) throw refuse(`its images and those before it come to more than the ${maxTotalBytes} bytes one import may bring`);
    const png = repos.renders.getPng(row.id)!;
    const thumbnail = repos.renders.getThumbnail(row.id) ?? null;
    const problem = (await renderPngProblem(png, render)) ?? (thumbnail && (await thumbnailPngProblem(thumbnail, render)));
    if (problem) throw refuse(problem);
  }
}

function parseRender(repos: ProjectRepos, id: string, refuse: (why: string) => Error) {
  let stored;
  try {
    stored = repos.renders.get(id);
  } catch (error) {
    // The repository parses the params as it reads them; its errors name fields inside them.
    if (error instanceof z.ZodError) throw refuse(firstIssue(error, 'params'));
    if (error instanceof SyntaxError) throw refuse(`params: ${error.message}`);
    throw error;
  }
  const parsed = RenderSchema.safeParse(stored);
  if (!parsed.success) throw refuse(firstIssue(parsed.error));
  return parsed.data;
}
