import * as path from "node:path";

/**
 * Absolute path of the repository root, resolved from this file (lib/data/paths.ts → ../..),
 * not from the process's working directory, so notebooks (cwd `notebooks/`), tests and
 * scripts all find the same `datasets/` folder.
 * @example repoRoot() // "/work/main"
 */
export function repoRoot(): string {
  return path.resolve(__dirname, "..", "..");
}

/**
 * Absolute path of the `datasets/` folder (or of a file inside it). The environment variable
 * `AGGLO_DATASETS_DIR` overrides the folder (used by tests of `npm run datasets` on a scratch copy).
 * @param parts path segments below `datasets/`
 * @example datasetsPath("china-provinces", "panel.csv") // "/work/main/datasets/china-provinces/panel.csv"
 */
export function datasetsPath(...parts: string[]): string {
  return path.join(process.env.AGGLO_DATASETS_DIR ?? path.join(repoRoot(), "datasets"), ...parts);
}

/**
 * Absolute path of the read-only shared source folder `../shared` beside the repository
 * (override with the environment variable `AGGLO_SHARED_DIR`).
 * @example sharedPath("data", "PROVENANCE.md") // "/work/shared/data/PROVENANCE.md"
 */
export function sharedPath(...parts: string[]): string {
  const base = process.env.AGGLO_SHARED_DIR ?? path.resolve(repoRoot(), "..", "shared");
  return path.join(base, ...parts);
}
