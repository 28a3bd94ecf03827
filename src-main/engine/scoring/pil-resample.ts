// Pillow's separable resampling of 8-bit images (Image.resize with BICUBIC, BILINEAR or LANCZOS, no reducing_gap),
// reproduced operation for operation: float coefficients per output pixel, normalised, turned into 22-bit fixed
// point, a horizontal pass rounded to 8 bits, then a vertical pass. Transformers' image processors resize with
// Pillow, so this is what makes our pixel_values equal theirs (libvips' cubic differs by a level here and there).

/** Pillow's resample codes as preprocessor_config.json writes them. */
export const PIL_RESAMPLE = { bilinear: 2, bicubic: 3, lanczos: 1 } as const;

const PRECISION_BITS = 32 - 8 - 2;
const ONE = 2 ** PRECISION_BITS;
const HALF = 2 ** (PRECISION_BITS - 1);

interface Filter {
  support: number;
  weight(x: number): number;
}

const BICUBIC_A = -0.5;
const sinc = (x: number) => (x === 0 ? 1 : Math.sin(x * Math.PI) / (x * Math.PI));
const FILTERS: Record<number, Filter> = {
  [PIL_RESAMPLE.bilinear]: { support: 1, weight: (x) => Math.max(0, 1 - Math.abs(x)) },
  [PIL_RESAMPLE.bicubic]: {
    support: 2,
    weight: (v) => {
      const x = Math.abs(v);
      if (x < 1) return ((BICUBIC_A + 2) * x - (BICUBIC_A + 3)) * x * x + 1;
      if (x < 2) return (((x - 5) * x + 8) * x - 4) * BICUBIC_A;
      return 0;
    },
  },
  [PIL_RESAMPLE.lanczos]: { support: 3, weight: (x) => (x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0) },
};

export function supportedResample(code: number): boolean {
  return code in FILTERS;
}

/** Per output pixel: the first input index and the fixed-point weights from there. */
interface Coefficients {
  first: Int32Array;
  count: Int32Array;
  size: number; // weights per output pixel (the stride of `weights`)
  weights: Float64Array;
}

function coefficients(inSize: number, outSize: number, filter: Filter): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filter.support * filterScale;
  const size = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * size);
  const raw = new Float64Array(size);
  const reciprocal = 1 / filterScale; // multiplied, as Pillow does (a division can differ in the last bit)
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
    let total = 0;
    for (let x = 0; x < xmax; x++) {
      raw[x] = filter.weight((x + xmin - center + 0.5) * reciprocal);
      total += raw[x];
    }
    for (let x = 0; x < xmax; x++) {
      const k = total === 0 ? raw[x] : raw[x] / total;
      // Pillow rounds half away from zero when it converts to fixed point.
      weights[xx * size + x] = k < 0 ? Math.trunc(-0.5 + k * ONE) : Math.trunc(0.5 + k * ONE);
    }
    first[xx] = xmin;
    count[xx] = xmax;
  }
  return { first, count, size, weights };
}

const clip8 = (sum: number) => Math.min(255, Math.max(0, Math.floor(sum / ONE)));

/** Resamples interleaved 8-bit pixels (`channels` per pixel) from width×height to outWidth×outHeight. */
export function pilResize(
  pixels: Uint8Array,
  image: { width: number; height: number; channels: number },
  outWidth: number,
  outHeight: number,
  resample: number,
): Uint8Array {
  const filter = FILTERS[resample];
  if (!filter) throw new Error(`resample ${resample} is not supported (bilinear 2, bicubic 3, lanczos 1 are)`);
  const { width, height, channels } = image;
  let current = pixels;
  let currentWidth = width;
  if (outWidth !== width) {
    const c = coefficients(width, outWidth, filter);
    const next = new Uint8Array(outWidth * height * channels);
    for (let y = 0; y < height; y++) {
      for (let xx = 0; xx < outWidth; xx++) {
        for (let ch = 0; ch < channels; ch++) {
          let sum = HALF;
          for (let x = 0; x < c.count[xx]; x++) sum += current[(y * width + c.first[xx] + x) * channels + ch] * c.weights[xx * c.size + x];
          next[(y * outWidth + xx) * channels + ch] = clip8(sum);
        }
      }
    }
    current = next;
    currentWidth = outWidth;
  }
  if (outHeight !== height) {
    const c = coefficients(height, outHeight, filter);
    const next = new Uint8Array(currentWidth * outHeight * channels);
    for (let yy = 0; yy < outHeight; yy++) {
      for (let x = 0; x < currentWidth; x++) {
        for (let ch = 0; ch < channels; ch++) {
          let sum = HALF;
          for (let y = 0; y < c.count[yy]; y++) sum += current[((c.first[yy] + y) * currentWidth + x) * channels + ch] * c.weights[yy * c.size + y];
          next[(yy * currentWidth + x) * channels + ch] = clip8(sum);
        }
      }
    }
    current = next;
  }
  return current;
}
