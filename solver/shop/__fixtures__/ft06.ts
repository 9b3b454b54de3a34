// Fisher & Thompson's 6x6 job shop (ft06, a.k.a. mt06), the public OR-Library classic; optimum 55.
import type { ShopProblem } from '../problem.js';

export const FT06_OPTIMUM = 55;

export const FT06_ORLIB = `6 6
2 1 0 3 1 6 3 7 5 3 4 6
1 8 2 5 4 10 5 10 0 10 3 4
2 5 3 4 5 8 0 9 1 1 4 7
1 5 0 5 2 5 3 3 4 8 5 9
2 9 1 3 4 5 5 4 0 3 3 1
1 3 3 3 5 9 0 10 4 4 2 1
`;

/** A classic job shop from OR-Library text (header `n m`, then machine/duration pairs), for solver tests. */
export function jobShopFromText(name: string, text: string): ShopProblem {
  const [header, ...rows] = text.trim().split('\n');
  const [, machineCount] = header!.trim().split(/\s+/).map(Number) as [number, number];
  return {
    name,
    machines: Array.from({ length: machineCount }, (_, k) => ({ id: `M${k}`, number: k })),
    jobs: rows.map((row, j) => {
      const values = row.trim().split(/\s+/).map(Number);
      const operations = [];
      for (let i = 0; i < values.length; i += 2) {
        operations.push({
          id: `O${i / 2}`,
          alternatives: [{ machine: values[i]!, duration: values[i + 1]! }],
        });
      }
      return { id: `J${j}`, release: 0, operations };
    }),
  };
}

export const ft06 = (): ShopProblem => jobShopFromText('ft06', FT06_ORLIB);
