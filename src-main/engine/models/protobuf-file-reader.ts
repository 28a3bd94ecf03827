// Reads protobuf fields straight from a file, seeking past large fields (weights) instead of loading them:
// a model.onnx with inline weights can be gigabytes, and inspecting it should cost kilobytes.
import { open, type FileHandle } from 'node:fs/promises';

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

const CHUNK = 64 * 1024;
const MAX_VARINT_BYTES = 10;
/** Names and other strings we read are small; a larger length means the bytes are not what we think. */
const MAX_STRING_BYTES = 1 << 20;

/** Why the bytes are not a well-formed message: `truncated` when a field runs past the end of the file. */
export class MalformedProtobuf extends Error {
  readonly truncated: boolean;

  constructor(message: string, truncated: boolean) {
    super(message);
    this.name = 'MalformedProtobuf';
    this.truncated = truncated;
  }
}

export interface FieldTag {
  field: number;
  wire: number;
}

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
    const file = await open(path, 'r');
    try {
      return new ProtobufFileReader(file, (await file.stat()).size);
    } catch (error) {
      await file.close();
      throw error;
    }
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
    while (this.position < end) {
      const tag = await this.varint();
      const field = Math.floor(tag / 8);
      const wire = tag % 8;
      if (field === 0 || ![WIRE_VARINT, WIRE_I64, WIRE_LEN, WIRE_I32].includes(wire)) {
        throw new MalformedProtobuf(`invalid field tag ${tag} at byte ${this.position}`, false);
      }
      yield { field, wire };
    }
    if (this.position !== end) throw new MalformedProtobuf(`a field overruns its message at byte ${end}`, false);
  }

  async varint(): Promise<number> {
    await this.#fill(Math.min(MAX_VARINT_BYTES, this.size - this.position));
    let value = 0;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      if (this.position >= this.#bufferEnd) throw new MalformedProtobuf('the file ends inside a number', true);
      const byte = this.#buffer[this.position++ - this.#bufferStart];
      value += (byte & 0x7f) * 2 ** (7 * i);
      if (byte < 0x80) return value;
    }
    throw new MalformedProtobuf(`a number longer than ${MAX_VARINT_BYTES} bytes at byte ${this.position}`, false);
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
    const out = Buffer.alloc(length);
    await this.#file.read(out, 0, length, this.position);
    this.position = fieldEnd;
    return out.toString('utf8');
  }

  async skip(wire: number, end: number): Promise<void> {
    if (wire === WIRE_VARINT) await this.varint();
    else if (wire === WIRE_LEN) this.position = await this.lengthEnd(end);
    else this.position += wire === WIRE_I64 ? 8 : 4;
    if (this.position > this.size) throw new MalformedProtobuf('the file ends inside a field', true);
  }

  async #fill(length: number): Promise<void> {
    if (this.position >= this.#bufferStart && this.position + length <= this.#bufferEnd) return;
    const { bytesRead } = await this.#file.read(this.#buffer, 0, CHUNK, this.position);
    this.#bufferStart = this.position;
    this.#bufferEnd = this.position + bytesRead;
  }
}
