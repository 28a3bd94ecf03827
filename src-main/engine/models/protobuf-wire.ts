// Protobuf's wire format, shared by the file reader (seeks past weights) and the in-memory reader
// (decodes small messages, such as graph nodes, without a promise per field).

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

export const MAX_VARINT_BYTES = 10;

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

export function fieldTag(tag: number, where: number): FieldTag {
  const field = Math.floor(tag / 8);
  const wire = tag % 8;
  if (field === 0 || ![WIRE_VARINT, WIRE_I64, WIRE_LEN, WIRE_I32].includes(wire)) throw new MalformedProtobuf(`invalid field tag ${tag} at byte ${where}`, false);
  return { field, wire };
}

/**
 * The varint at `offset` of `bytes`, read no further than `limit`: its value and the offset after it;
 * null when `limit` cuts it short.
 */
export function decodeVarint(bytes: Uint8Array, offset: number, limit: number): [value: number, next: number] | null {
  let value = 0;
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    if (offset + i >= limit) return null;
    const byte = bytes[offset + i];
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return [value, offset + i + 1];
  }
  throw new MalformedProtobuf(`a number longer than ${MAX_VARINT_BYTES} bytes`, false);
}

/** A varint decoded from bytes[start, next) read as signed int64: negative values are ten bytes of two's complement. */
export function asInt64(value: number, bytes: Uint8Array, start: number, next: number): number {
  if (value < 2 ** 63) return value;
  let bits = 0n;
  for (let i = next - 1; i >= start; i--) bits = (bits << 7n) | BigInt(bytes[i] & 0x7f);
  return Number(BigInt.asIntN(64, bits));
}
