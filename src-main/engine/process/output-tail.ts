// Keeps the last few kilobytes a child process wrote, so a crash can be explained without
// buffering everything a long-lived engine ever prints.
const DEFAULT_LIMIT = 8 * 1024;

export class OutputTail {
  readonly #limit: number;
  #text = '';

  constructor(limit = DEFAULT_LIMIT) {
    this.#limit = limit;
  }

  /** Reads a stream to its end; decoding as UTF-8 on the stream keeps characters split across chunks intact. */
  follow(stream: NodeJS.ReadableStream | null): void {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => this.append(chunk));
  }

  append(text: string): void {
    this.#text = (this.#text + text).slice(-this.#limit);
  }

  text(): string {
    return this.#text;
  }
}
