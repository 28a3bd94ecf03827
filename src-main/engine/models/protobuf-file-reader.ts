// Reads protobuf fields straight from a file, seeking past large fields (weights) instead of loading them:
// a model.onnx with inline weights can be gigabytes, and inspecting it should cost kilobytes.
import type { FileHandle } from 'node:fs/promises';
import { openRegularFile } from '../files/regular-file.ts';
import { ProtobufBytes } from './protobuf-bytes.ts';
import { decodeVarint, fieldTag, MalformedProtobuf, MAX_VARINT_BYTES, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './protobuf-wire.ts';
import type { FieldTag } from './protobuf-wire.ts';

export { MalformedProtobuf, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT, type FieldTag } from './protobuf-wire.ts';

const CHUNK = 64 * 1024;
/** Names and other strings we read are small; a larger length means the bytes are not what we think. */
const MAX_STRING_BYTES = 1 << 20;

export class ProtobufFileReader {
  readonly size: number;
  position = 0;
  readonly #file: FileHandle;
  readonly #buffer = Buffer.alloc(CHUNK);
  #bufferStart = 0;
  #bufferEnd = 0;

  private constructor(file: FileHandle, size: number) {
    this.#file = file;
    this.size = size;
  }

  static async open(path: string): Promise<ProtobufFileReader> {
    const { file, stats } = await openRegularFile(path);
    return new ProtobufFileReader(file, stats.size);
  }

  close(): Promise<void> {
    return this.#file.close();
  }

  /** The first bytes of the file, to recognise what it is when it is not a model. */
  async head(length: number): Promise<Buffer> {
    const out = Buffer.alloc(Math.min(length, this.size));
    await this.#file.read(out, 0, out.length, 0);
    return out;
  }

  /** The fields of the message that ends at `end`; each must be read or skipped before the next. */
  async *fields(end: number): AsyncGenerator<FieldTag> {
    while (this.position < end) yield fieldTag(await this.varint(), this.position);
    if (this.position !== end) throw new MalformedProtobuf(`a field overruns its message at byte ${end}`, false);
  }

  async varint(): Promise<number> {
    await this.#fill(this.position, Math.min(MAX_VARINT_BYTES, this.size - this.position));
    const offset = this.position - this.#bufferStart;
    const decoded = decodeVarint(this.#buffer, offset, this.#bufferEnd - this.#bufferStart);
    if (!decoded) throw new MalformedProtobuf('the file ends inside a number', true);
    this.position += decoded[1] - offset;
    return decoded[0];
  }

  /** Reads a length prefix and returns where that field ends, checked against its message's `end`. */
  async lengthEnd(end: number): Promise<number> {
    const length = await this.varint();
    const fieldEnd = this.position + length;
    if (fieldEnd > this.size) throw new MalformedProtobuf(`a field claims ${fieldEnd - this.size} bytes past the end of the file`, true);
    if (fieldEnd > end) throw new MalformedProtobuf(`a field overruns its message at byte ${end}`, false);
    return fieldEnd;
  }

  async string(end: number): Promise<string> {
    const fieldEnd = await this.lengthEnd(end);
    const length = fieldEnd - this.position;
    if (length > MAX_STRING_BYTES) throw new MalformedProtobuf(`a ${length}-byte string at byte ${this.position}`, false);
    const text = (await this.#read(this.position, fieldEnd)).toString('utf8');
    this.position = fieldEnd;
    return text;
  }

  /**
   * The message from here to `end`, to decode in memory, without its length-delimited fields over
   * `maxFieldBytes` (a tensor's inline weights). A message of at most a chunk or `maxFieldBytes` comes whole.
   */
  async message(end: number, maxFieldBytes: number): Promise<ProtobufBytes> {
    if (end - this.position <= Math.max(CHUNK, maxFieldBytes)) {
      const whole = await this.#read(this.position, end);
      this.position = end;
      return new ProtobufBytes(whole);
    }
    const kept: Buffer[] = [];
    let start = this.position;
    for await (const { wire } of this.fields(end)) {
      const fieldEnd = wire === WIRE_LEN ? await this.lengthEnd(end) : null;
      if (fieldEnd === null) await this.skip(wire, end);
      const large = fieldEnd !== null && fieldEnd - this.position > maxFieldBytes;
      if (fieldEnd !== null) this.position = fieldEnd;
      if (!large) kept.push(await this.#read(start, this.position));
      start = this.position;
    }
    return new ProtobufBytes(Buffer.concat(kept));
  }

  async skip(wire: number, end: number): Promise<void> {
    if (wire === WIRE_VARINT) await this.varint();
    else if (wire === WIRE_LEN) this.position = await this.lengthEnd(end);
    else this.position += wire === WIRE_I64 ? 8 : 4;
    if (this.position > this.size) throw new MalformedProtobuf('the file ends inside a field', true);
  }

  /** Bytes [start, end) of the file: from the buffered chunk when short (names, nodes), one read per chunk. */
  async #read(start: number, end: number): Promise<Buffer> {
    if (end - start <= CHUNK) {
      await this.#fill(start, end - start);
      if (end > this.#bufferEnd) throw new MalformedProtobuf('the file ends inside a field', true);
      return Buffer.from(this.#buffer.subarray(start - this.#bufferStart, end - this.#bufferStart));
    }
    const out = Buffer.alloc(end - start);
    await this.#file.read(out, 0, out.length, start);
    return out;
  }

  /** Makes bytes [at, at + length) available in the buffer (fewer where the file ends). */
  async #fill(at: number, length: number): Promise<void> {
    if (at >= this.#bufferStart && at + length <= this.#bufferEnd) return;
    const { bytesRead } = await this.#file.read(this.#buffer, 0, CHUNK, at);
    this.#bufferStart = at;
    this.#bufferEnd = at + bytesRead;
  }
}
