// Decodes a protobuf message held in memory, synchronously: for the many small messages of a graph
// (nodes, small tensors), where a promise per field would cost more than the decoding.
import { asInt64, decodeVarint, fieldTag, MalformedProtobuf, WIRE_I64, WIRE_LEN, WIRE_VARINT } from './protobuf-wire.ts';
import type { FieldTag } from './protobuf-wire.ts';

export class ProtobufBytes {
  readonly buffer: Buffer;
  position = 0;

  constructor(buffer: Buffer) {
    this.buffer = buffer;
  }

  get size(): number {
    return this.buffer.length;
  }

  /** The fields of the message that ends at `end`; each must be read or skipped before the next. */
  *fields(end: number): Generator<FieldTag> {
    while (this.position < end) yield fieldTag(this.varint(), this.position);
    if (this.position !== end) throw new MalformedProtobuf(`a field overruns its message at byte ${end}`, false);
  }

  varint(): number {
    const decoded = decodeVarint(this.buffer, this.position, this.buffer.length);
    if (!decoded) throw new MalformedProtobuf('the message ends inside a number', false);
    this.position = decoded[1];
    return decoded[0];
  }

  /** A signed int64 varint, exact while |value| < 2^53. */
  int64(): number {
    const start = this.position;
    return asInt64(this.varint(), this.buffer, start, this.position);
  }

  float32(): number {
    return this.buffer.readFloatLE(this.#advance(4));
  }

  float64(): number {
    return this.buffer.readDoubleLE(this.#advance(8));
  }

  /** Reads a length prefix and returns where that field ends, checked against its message's `end`. */
  lengthEnd(end: number): number {
    const length = this.varint();
    const fieldEnd = this.position + length;
    if (fieldEnd > end) throw new MalformedProtobuf(`a field overruns its message at byte ${end}`, false);
    return fieldEnd;
  }

  string(end: number): string {
    const fieldEnd = this.lengthEnd(end);
    const text = this.buffer.toString('utf8', this.position, fieldEnd);
    this.position = fieldEnd;
    return text;
  }

  /** A length-delimited field's bytes (a view into the message). */
  bytes(end: number): Buffer {
    const fieldEnd = this.lengthEnd(end);
    const out = this.buffer.subarray(this.position, fieldEnd);
    this.position = fieldEnd;
    return out;
  }

  skip(wire: number, end: number): void {
    if (wire === WIRE_VARINT) this.varint();
    else if (wire === WIRE_LEN) this.position = this.lengthEnd(end);
    else this.#advance(wire === WIRE_I64 ? 8 : 4);
  }

  #advance(length: number): number {
    const at = this.position;
    if (at + length > this.buffer.length) throw new MalformedProtobuf('the message ends inside a field', false);
    this.position += length;
    return at;
  }
}
