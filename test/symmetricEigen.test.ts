import { describe, it, expect } from "vitest";
import { symmetricEigen } from "../lib/linalg/symmetricEigen";
import { expectClose } from "./tolerances";

// brute force: V diag(values) V' = A, the trace, and the 2 × 2 case [[2, 1], [1, 2]] with eigenvalues 3 and 1
describe("symmetricEigen (cyclic Jacobi)", () => {
  it("reconstructs a matrix from its eigenvectors and matches known eigenvalues", () => {
    const A = Float64Array.from([4, 1, 2, 1, 3, 0.5, 2, 0.5, 5]);
    const copy = Float64Array.from(A);
    const { values, vectors } = symmetricEigen(A, 3);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += vectors[i * 3 + k] * values[k] * vectors[j * 3 + k];
      expectClose(s, A[i * 3 + j], 1e-12, `A[${i},${j}]`, 1e-12);
    }
    expect(A).toEqual(copy); // not modified
    expect(values[0]).toBeGreaterThanOrEqual(values[1]);
    expectClose(values[0] + values[1] + values[2], 12, 1e-12, "trace");
    const two = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2).values;
    expectClose(two[0], 3, 1e-14, "3");
    expectClose(two[1], 1, 1e-14, "1");
  });
  it("refuses an asymmetric matrix", () => {
    expect(() => symmetricEigen(new Float64Array([1, 2, 0, 1]), 2, "kp")).toThrow("kp: eigen-decomposition needs a finite symmetric matrix");
  });
});
