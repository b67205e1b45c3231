import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Test hooks of {@link AtomicReplacement.commit}: the moment a crash matters most. */
export interface AtomicReplaceHooks {
  /** After the temporary file is flushed and closed, before it is renamed over the target. */
  readonly beforeRename?: (temporaryPath: string) => void | Promise<void>;
}

/** A replacement of a file in progress: write to {@link handle}, then commit or abort. */
export interface AtomicReplacement {
  /** The file that will be replaced. */
  readonly path: string;
  /** The temporary file being written: `PATH.tmp-<pid>`, in the same directory as `path`. */
  readonly temporaryPath: string;
  /** The temporary file, open for writing. */
  readonly handle: FileHandle;
  /**
   * Flushes the temporary file to disk (fsync), closes it, renames it over `path`, then flushes
   * the directory so the rename itself survives a power cut. On a failure before the rename the
   * temporary file is removed and `path` is left as it was.
   * @throws the system error (no space left, a directory in the way, ...), as Node gives it.
   */
  commit(hooks?: AtomicReplaceHooks): Promise<void>;
  /** Closes and removes the temporary file; `path` keeps what it held. Never throws. */
  abort(): Promise<void>;
}

/**
 * Starts replacing a file atomically: creates `PATH.tmp-<pid>` beside it (same directory, so the
 * rename cannot cross file systems) and returns it open for writing. Once committed, `path` is the
 * complete new file; until then, and after any failure, it is the complete old one (or absent).
 * A crash can leave the temporary file behind; nothing reads it. Opening early lets a caller find
 * an unwritable place before doing any work.
 *
 * Both `--output` and `--index` are written this way, with the same guarantees.
 *
 * @throws the system error when the temporary file cannot be created (a missing directory, no
 *   permission), as Node gives it: callers wrap it in their own error class.
 * @example
 * ```ts
 * const file = await atomicReplace('report.json');
 * try {
 *   await file.handle.writeFile(text);
 * } catch (error) {
 *   await file.abort();
 *   throw error;
 * }
 * await file.commit(); // report.json now holds text, or still holds its old contents
 * ```
 */
export async function atomicReplace(path: string): Promise<AtomicReplacement> {
  const temporaryPath = `${path}.tmp-${process.pid}`;
  const handle = await open(temporaryPath, 'w', 0o644);
  let isOpen = true;
  const closeAndRemove = async () => {
    if (isOpen) await handle.close().catch(() => undefined);
    isOpen = false;
    await unlink(temporaryPath).catch(() => undefined);
  };
  return {
    path,
    temporaryPath,
    handle,
    async commit(hooks = {}) {
      try {
        await handle.sync();
        isOpen = false;
        await handle.close();
        await hooks.beforeRename?.(temporaryPath);
        await rename(temporaryPath, path);
      } catch (error) {
        await closeAndRemove();
        throw error;
      }
      await syncDirectory(dirname(path));
    },
    abort: closeAndRemove,
  };
}

async function syncDirectory(directory: string): Promise<void> {
  // Makes the rename itself durable. Some platforms cannot open a directory (Windows): there the
  // rename is as durable as the platform makes it, and the new file is in place either way.
  let handle: FileHandle | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // best effort, see above
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
