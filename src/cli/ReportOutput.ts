import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { OutputError } from './errors/OutputError.js';
import { systemErrorText } from './systemErrorText.js';

/** The part of a stream {@link ReportOutput} writes standard output to. */
export interface OutputStream {
  write(text: string, callback: (error?: Error | null) => void): unknown;
}

/**
 * Where the report goes: standard output, or an `--output` file written atomically. The file is
 * created as `FILE.tmp-<pid>` beside FILE when the run starts (so an unwritable place fails before
 * any work is done), and renamed over FILE only once the whole report is written and flushed:
 * a failed run never leaves a half-written or truncated report, and keeps an older one intact.
 *
 * @example
 * ```ts
 * const output = await ReportOutput.open('clusters.json', process.stdout);
 * try { await output.write(text); await output.commit(); } catch (e) { await output.abort(); throw e; }
 * ```
 */
export class ReportOutput {
  readonly #path: string | undefined;
  readonly #stream: OutputStream;
  #handle: FileHandle | undefined;

  private constructor(path: string | undefined, stream: OutputStream, handle: FileHandle | undefined) {
    this.#path = path;
    this.#stream = stream;
    this.#handle = handle;
  }

  /**
   * Opens the output: `path`'s temporary file, or `stream` when `path` is undefined.
   * @throws {OutputError} when the temporary file cannot be created.
   */
  static async open(path: string | undefined, stream: OutputStream): Promise<ReportOutput> {
    if (path === undefined) return new ReportOutput(undefined, stream, undefined);
    try {
      return new ReportOutput(path, stream, await open(temporaryPath(path), 'w', 0o644));
    } catch (error) {
      throw new OutputError(path, systemErrorText(error));
    }
  }

  /** Appends text to the report. @throws {OutputError} on a write failure (a full disk, say). */
  async write(text: string): Promise<void> {
    if (this.#path === undefined) return writeToStream(this.#stream, text);
    try {
      await this.#handle!.writeFile(text, 'utf8');
    } catch (error) {
      throw new OutputError(this.#path, systemErrorText(error));
    }
  }

  /** Flushes the file to disk and renames it over `--output`. @throws {OutputError} */
  async commit(): Promise<void> {
    if (this.#path === undefined || this.#handle === undefined) return;
    const handle = this.#handle;
    this.#handle = undefined;
    try {
      await handle.sync();
      await handle.close();
      await rename(temporaryPath(this.#path), this.#path);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(temporaryPath(this.#path)).catch(() => undefined);
      throw new OutputError(this.#path, systemErrorText(error));
    }
  }

  /** Drops the temporary file (after a failed run): `--output` keeps what it held before. */
  async abort(): Promise<void> {
    if (this.#path === undefined || this.#handle === undefined) return;
    await this.#handle.close().catch(() => undefined);
    this.#handle = undefined;
    await unlink(temporaryPath(this.#path)).catch(() => undefined);
  }
}

function temporaryPath(path: string): string {
  return `${path}.tmp-${process.pid}`;
}

/**
 * Writes to a stream and waits until it is handed to the system. A reader that went away (EPIPE:
 * `neardup ... | head`) is not an error: there is no one left to tell.
 * @throws {OutputError} for any other write failure.
 */
export async function writeToStream(stream: OutputStream, text: string): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    stream.write(text, (error) => {
      if (error === null || error === undefined || (error as { code?: unknown }).code === 'EPIPE') resolve();
      else reject(new OutputError('<stdout>', systemErrorText(error)));
    }),
  );
}
