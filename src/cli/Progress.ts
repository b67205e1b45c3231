/** The part of a stream {@link Progress} needs: `process.stderr` fits. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Options of {@link Progress}. */
export interface ProgressOptions {
  /** Draw nothing at all (`--quiet`). @defaultValue false */
  readonly quiet?: boolean;
  /** The clock, in milliseconds. @defaultValue performance.now */
  readonly now?: () => number;
  /** The least time between two redraws, in milliseconds. @defaultValue 100 */
  readonly intervalMs?: number;
}

/**
 * A one-line progress display on a terminal: documents read, documents per second and elapsed
 * time, redrawn in place (carriage return, erase line) at most every `intervalMs`. It draws only
 * when the stream is a TTY and not `quiet`, so logs and pipes never receive control characters.
 * Messages written while it is shown go through {@link Progress.message}, which erases the line
 * first so they are not mixed with it.
 *
 * @example
 * ```ts
 * const progress = new Progress(process.stderr, { quiet: false });
 * for await (const doc of docs) progress.update(++count);
 * progress.done();
 * // on a terminal: "neardup: 12,000 documents, 8,100 docs/s, 1.5 s" redrawn in place, then erased
 * ```
 */
export class Progress {
  /** Whether anything is drawn: the stream is a TTY and not quiet. */
  readonly enabled: boolean;
  readonly #stream: ProgressStream;
  readonly #now: () => number;
  readonly #interval: number;
  readonly #started: number;
  #documents = 0;
  #lastDraw = -Infinity;
  #shown = false;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(stream: ProgressStream, options: ProgressOptions = {}) {
    this.#stream = stream;
    this.enabled = stream.isTTY === true && options.quiet !== true;
    this.#now = options.now ?? (() => performance.now());
    this.#interval = options.intervalMs ?? 100;
    this.#started = this.#now();
  }

  /**
   * Records how many documents have been read, and redraws when the last draw is older than the
   * interval. Also starts a timer (that does not keep the process alive) which redraws while
   * input is slow to arrive, so the elapsed time keeps moving.
   */
  update(documents: number): void {
    this.#documents = documents;
    if (!this.enabled) return;
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#draw(), this.#interval);
      this.#timer.unref();
    }
    if (this.#now() - this.#lastDraw >= this.#interval) this.#draw();
  }

  /** Writes a line of text (a warning, say) to the stream, erasing the progress line first. */
  message(line: string): void {
    this.#erase();
    this.#stream.write(`${line}\n`);
  }

  /** Stops redrawing and erases the progress line. */
  done(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#erase();
  }

  /** The progress line as it would be drawn now. */
  line(): string {
    const seconds = Math.max(0, this.#now() - this.#started) / 1000;
    const rate = seconds > 0 ? Math.round(this.#documents / seconds) : 0;
    return `neardup: ${this.#documents.toLocaleString('en-US')} document${this.#documents === 1 ? '' : 's'}, ${rate.toLocaleString('en-US')} docs/s, ${seconds.toFixed(1)} s`;
  }

  #draw(): void {
    this.#lastDraw = this.#now();
    this.#stream.write(`\r\x1b[2K${this.line()}`);
    this.#shown = true;
  }

  #erase(): void {
    if (!this.#shown) return;
    this.#stream.write('\r\x1b[2K');
    this.#shown = false;
  }
}
