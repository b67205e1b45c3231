import { open, stat, type FileHandle } from 'node:fs/promises';
import { atomicReplace, type AtomicReplacement } from './atomicReplace.js';
import { OutputError } from './errors/OutputError.js';
import { systemErrorText } from './systemErrorText.js';

/** The part of a stream {@link ReportOutput} writes standard output to. */
export interface OutputStream {
  write(text: string, callback: (error?: Error | null) => void): unknown;
}

type Target =
  | { readonly kind: 'stream' }
  | { readonly kind: 'file'; readonly file: AtomicReplacement }
  | { readonly kind: 'device'; readonly handle: FileHandle };

/**
 * Where the report goes: standard output, or an `--output` file written atomically (see
 * {@link atomicReplace}). The temporary file is created when the run starts, so an unwritable
 * place (a missing directory, no permission, a directory named as the output) fails before any
 * work is done, and it replaces FILE only once the whole report is written and flushed: a failed
 * run never leaves a half-written or truncated report, and keeps an older one intact. A device or
 * a pipe (`--output /dev/null`) is written directly: it cannot be replaced, only written to.
 *
 * @example
 * ```ts
 * const output = await ReportOutput.open('clusters.json', process.stdout);
 * try { await output.write(text); await output.commit(); } catch (e) { await output.abort(); throw e; }
 * ```
 */
export class ReportOutput {
  readonly #path: string;
  readonly #stream: OutputStream;
  #target: Target | undefined;

  private constructor(path: string, stream: OutputStream, target: Target) {
    this.#path = path;
    this.#stream = stream;
    this.#target = target;
  }

  /**
   * Opens the output: `path`'s temporary file (or `path` itself for a device or a pipe), or
   * `stream` when `path` is undefined.
   * @throws {OutputError} when `path` is a directory or the temporary file cannot be created.
   */
  static async open(path: string | undefined, stream: OutputStream): Promise<ReportOutput> {
    if (path === undefined) return new ReportOutput('<stdout>', stream, { kind: 'stream' });
    try {
      const existing = await stat(path).catch((error: unknown) => {
        if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
        throw error;
      });
      if (existing?.isDirectory()) throw new OutputError(path, 'it is a directory (give a file name, such as report.txt)');
      if (existing !== undefined && !existing.isFile()) return new ReportOutput(path, stream, { kind: 'device', handle: await open(path, 'w') });
      return new ReportOutput(path, stream, { kind: 'file', file: await atomicReplace(path) });
    } catch (error) {
      if (error instanceof OutputError) throw error;
      throw new OutputError(path, systemErrorText(error));
    }
  }

  /** Appends text to the report. @throws {OutputError} on a write failure (a full disk, say). */
  async write(text: string): Promise<void> {
    const target = this.#target;
    if (target === undefined) throw new Error('ReportOutput.write after commit or abort');
    if (target.kind === 'stream') return writeToStream(this.#stream, text);
    try {
      await (target.kind === 'file' ? target.file.handle : target.handle).writeFile(text, 'utf8');
    } catch (error) {
      throw new OutputError(this.#path, systemErrorText(error));
    }
  }

  /** Puts the report in place: renames the flushed temporary file over `--output`. @throws {OutputError} */
  async commit(): Promise<void> {
    const target = this.#target;
    this.#target = undefined;
    try {
      if (target?.kind === 'file') await target.file.commit();
      else if (target?.kind === 'device') await target.handle.close();
    } catch (error) {
      throw new OutputError(this.#path, systemErrorText(error));
    }
  }

  /** Drops the temporary file (after a failed run): `--output` keeps what it held before. */
  async abort(): Promise<void> {
    const target = this.#target;
    this.#target = undefined;
    if (target?.kind === 'file') await target.file.abort();
    else if (target?.kind === 'device') await target.handle.close().catch(() => undefined);
  }
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
