import { ApiError, type ApiClient } from '../../../src-shared/contract/index.ts';
import { IdSchema } from '../../../src-shared/domain/index.ts';

/** Lets shell users name a project by id or by its (case-insensitive) name. */
export async function resolveProjectId(client: ApiClient, idOrName: string): Promise<string> {
  if (IdSchema.safeParse(idOrName).success) return idOrName;
  const wanted = idOrName.trim().toLowerCase();
  const matches = (await client.projects.list({})).filter((p) => p.name.toLowerCase() === wanted);
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length === 0) throw new ApiError('not_found', `No project named "${idOrName}". See: onestory projects list`);
  throw new ApiError(
    'conflict',
    `${matches.length} projects are named "${idOrName}"; use an id instead: ${matches.map((m) => m.id).join(', ')}`,
  );
}
