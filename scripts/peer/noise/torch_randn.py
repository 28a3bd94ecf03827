"""PyTorch's own torch.randn(..., dtype=torch.float16) on CPU, for scripts/peer/noise (not part of npm test).

  python torch_randn.py cases OUT.json                  many sizes and successive draws from one generator
  python torch_randn.py latents SEED H W DRAWS OUT.json  a pipeline's starting latents (1, 4, H/8, W/8) and the
                                                         step noise drawn after them from the same generator
Values are written as half bit patterns (int16), so the comparison is bit for bit.
"""
import json
import sys

import torch


def half_bits(t):
    return t.flatten().view(torch.int16).tolist()


def cases():
    sizes = list(range(1, 70)) + [95, 96, 97, 127, 128, 129, 255, 256, 257, 1000, 1023, 4096 + 7, 4 * 64 * 64, 4 * 96 * 96, 3 * 5 * 7 * 11]
    out = []
    for seed in [0, 1, 42, 2**32 + 7, 123456789]:
        for n in sizes:
            g = torch.Generator().manual_seed(seed)
            out.append({'seed': str(seed), 'draws': [[n]], 'bits': [half_bits(torch.randn(n, generator=g, dtype=torch.float16))]})
    # Small draws (< 16) go through the double sampler, whose cached second value crosses calls.
    sequences = [[[5], [20], [3], [16], [7], [33], [1], [1]], [[1, 4, 8, 8]] * 5, [[1, 4, 12, 10]] * 4, [[2, 4, 6, 6], [2, 4, 6, 6], [9], [17]], [[1]] * 5 + [[31]] * 3]
    for seed in [0, 7, 2024]:
        for shapes in sequences:
            g = torch.Generator().manual_seed(seed)
            out.append({'seed': str(seed), 'draws': shapes, 'bits': [half_bits(torch.randn(*s, generator=g, dtype=torch.float16)) for s in shapes]})
    return out


def latents(seed, height, width, draws):
    g = torch.Generator().manual_seed(seed)
    shape = [1, 4, height // 8, width // 8]
    return [{'seed': str(seed), 'draws': [shape] * draws, 'bits': [half_bits(torch.randn(shape, generator=g, dtype=torch.float16)) for _ in range(draws)]}]


if __name__ == '__main__':
    kind, args, path = sys.argv[1], sys.argv[2:-1], sys.argv[-1]
    found = cases() if kind == 'cases' else latents(*map(int, args))
    json.dump({'torch': torch.__version__, 'capability': torch.backends.cpu.get_cpu_capability(), 'cases': found}, open(path, 'w'))
    print(f'{len(found)} cases from torch {torch.__version__} ({torch.backends.cpu.get_cpu_capability()}) in {path}')
