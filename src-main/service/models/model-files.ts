// The files of a model folder, as an import sees them: every symbolic link resolved and judged. A copy follows a
// link only to a target inside the folder or inside the Hugging Face cache the folder is a snapshot of (snapshots
// link into `../../blobs`); a link out of those could pull anything (~/.ssh) into the library. A folder used in
// place is read where its links point, which the user is told.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { ApiError } from '../../../src-shared/contract/index.ts';
import { isInside } from '../files/disk.ts';

export interface ModelFile {
  /** relative to the folder */
  path: string;
  /** where its bytes are: the file itself, or its link's target */
  source: string;
  size: number;
}

export interface OutsideLink {
  link: string;
  target: string;
}

export interface ModelFolderFiles {
  files: ModelFile[];
  /** the Hugging Face cache (`…/models--<owner>--<name>`) the folder is a snapshot in, else null */
  cacheRoot: string | null;
  /** links whose target is outside the folder and its Hugging Face cache */
  outsideLinks: OutsideLink[];
}

/**
 * Every regular file under `folder`, dot entries left out (.git, .cache: no component lives there, and a Git
 * checkout's history can be larger than the model). A link that is a loop, leads nowhere, or leads back into a
 * folder that holds it, and anything that is not a file or a folder, is refused naming it.
 */
export async function listModelFiles(folder: string): Promise<ModelFolderFiles> {
  const realRoot = await realpath(folder);
  const cacheRoot = hfCacheRoot(realRoot);
  const roots = cacheRoot === null ? [realRoot] : [realRoot, cacheRoot];
  const out: ModelFolderFiles = { files: [], cacheRoot, outsideLinks: [] };
  await walk({ folder, roots, out }, '', realRoot, [realRoot]);
  return out;
}

/** The `models--<owner>--<name>` folder of a Hugging Face cache that `dir` is a snapshot in, else null. */
function hfCacheRoot(dir: string): string | null {
  for (let at = dir; dirname(at) !== at; at = dirname(at)) {
    const parent = dirname(at);
    if (basename(at) === 'snapshots' && basename(parent).startsWith('models--')) return parent;
  }
  return null;
}

interface Walk {
  folder: string;
  roots: readonly string[];
  out: ModelFolderFiles;
}

async function walk(w: Walk, rel: string, realDir: string, ancestors: readonly string[]): Promise<void> {
  for (const name of (await readdir(realDir)).sort()) {
    if (name.startsWith('.')) continue;
    const path = rel ? join(rel, name) : name;
    const shown = join(w.folder, path);
    const entry = join(realDir, name);
    let source = entry;
    if ((await lstat(entry)).isSymbolicLink()) {
      source = await linkTarget(w, shown, entry);
      if (!w.roots.some((root) => source === root || isInside(root, source))) w.out.outsideLinks.push({ link: shown, target: source });
    }
    const stats = await stat(source);
    if (stats.isDirectory()) {
      if (ancestors.some((a) => a === source || isInside(source, a))) refuse(w, shown, `links back to ${source}, a folder that holds it (a loop)`);
      await walk(w, path, source, [...ancestors, source]);
    } else if (stats.isFile()) {
      w.out.files.push({ path, source, size: stats.size });
    } else {
      refuse(w, shown, 'is not a file or a folder (a pipe, a device or a socket)');
    }
  }
}

async function linkTarget(w: Walk, shown: string, entry: string): Promise<string> {
  try {
    return await realpath(entry);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') refuse(w, shown, 'is a loop of symbolic links');
    if (code === 'ENOENT') refuse(w, shown, 'is a symbolic link to nothing (its target does not exist)');
    throw error;
  }
}

function refuse(w: Walk, path: string, problem: string): never {
  throw new ApiError('invalid_input', `${w.folder} is not a model Onestory can use: ${path} ${problem}. Fix or remove it, then add the model again.`);
}

/** Why a copy refuses the folder's outside links: the first named, and how many more. */
export function outsideLinksProblem(folder: string, { outsideLinks: links, cacheRoot }: ModelFolderFiles): string {
  const [{ link, target }] = links;
  const more = links.length > 1 ? ` (and ${links.length - 1} more link${links.length > 2 ? 's' : ''} out of it)` : '';
  return (
    `${folder} cannot be copied: ${relative(folder, link)} links to ${target}, outside the model folder${cacheRoot ? ` and its Hugging Face cache ${cacheRoot}` : ''}${more}. ` +
    "Onestory copies only what is inside the folder: put the file itself there, or add the folder in place ('register'), which reads it where it is."
  );
}

const MAX_LISTED_LINKS = 10;

/** What a folder used in place reads outside it: one warning per link (the first ten, then how many more). */
export function outsideLinksWarnings({ outsideLinks }: ModelFolderFiles): string[] {
  const listed = outsideLinks.slice(0, MAX_LISTED_LINKS).map(
    ({ link, target }) => `${link} links to ${target}, outside the model folder: Onestory reads the file there (moving or deleting it breaks the model).`,
  );
  const more = outsideLinks.length - listed.length;
  return more > 0 ? [...listed, `…and ${more} more links out of the folder.`] : listed;
}
