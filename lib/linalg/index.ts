export { crossprod, crossprodXy, matVecColMajor, dot, matMul } from "./crossprod";
export { cholesky, cholSolve, cholInverse, solveSPD, inverseSPD, inverseGeneral } from "./cholesky";
export { qrDecompose, qrQty, qrCoef, checkFullRank } from "./qr";
export type { QRDecomposition } from "./qr";
export { symmetricEigenvalues, tridiagonalize, tridiagonalEigenvalues } from "./symmetricEigenvalues";
export { minimumDegreeOrdering, choleskySymbolic, choleskyNumeric, choleskyLogDeterminant, choleskySolve } from "./sparseCholesky";
export type { SymmetricPattern, CholeskySymbolic, CholeskyFactor } from "./sparseCholesky";
export { bandSymmetricEigenvalues, reverseCuthillMcKee, bandwidth as matrixBandwidth } from "./bandEigenvalues";
