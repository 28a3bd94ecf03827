// Running a batch as several smaller session runs: the batched feeds cut along their first axis, the outputs put
// back together in order. Every item of a diffusion component is computed independently of the others, so the
// pieces give the whole batch's result.
import { Tensor } from 'onnxruntime-node';

type TypedArray = Exclude<Tensor['data'], readonly string[]>;
/** Copying between typed arrays of one kind, whatever the kind (float, float16 bits, int64, …). */
type Settable = { set(source: TypedArray, offset: number): void };

/** Items `start … start + count − 1` of every feed in `batched`; the other feeds are shared by all items. */
export function sliceFeeds(
  feeds: Readonly<Record<string, Tensor>>,
  batched: ReadonlySet<string>,
  start: number,
  count: number,
): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, tensor] of Object.entries(feeds)) {
    if (!batched.has(name)) {
      out[name] = tensor;
      continue;
    }
    const perItem = tensor.size / tensor.dims[0];
    const data = (tensor.data as TypedArray).subarray(start * perItem, (start + count) * perItem);
    out[name] = new Tensor(tensor.type as 'float32', data as Float32Array, [count, ...tensor.dims.slice(1)]);
  }
  return out;
}

/** The runs' outputs joined along the first axis, in run order. */
export function concatOutputs(parts: readonly Record<string, Tensor>[], names: readonly string[]): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const name of names) {
    const tensors = parts.map((p) => p[name]);
    const first = tensors[0];
    const Kind = (first.data as TypedArray).constructor as new (length: number) => TypedArray;
    const data = new Kind(tensors.reduce((sum, t) => sum + t.size, 0));
    let offset = 0;
    for (const t of tensors) {
      (data as unknown as Settable).set(t.data as TypedArray, offset);
      offset += t.size;
    }
    const items = tensors.reduce((sum, t) => sum + t.dims[0], 0);
    out[name] = new Tensor(first.type as 'float32', data as Float32Array, [items, ...first.dims.slice(1)]);
  }
  return out;
}
