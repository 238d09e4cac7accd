/**
 * Machine setup (scripts/setup.mjs): the project-local kernelspec, idempotence, and the exact
 * sudo line printed for a user who is not root.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  aptInstallLine,
  DEBIAN_PYTHON,
  jupyterEnv,
  KERNEL_TEST_DEBS,
  kernelSpec,
  missingDebs,
  npmDependenciesCurrent,
  repoRoot,
  sudoMessage,
} from "../scripts/setup.mjs";

describe("setup", () => {
  it("the kernelspec starts this checkout's kernel launcher with this Node, and lives in the git-ignored .jupyter-local/", () => {
    const spec = kernelSpec();
    expect(spec.argv[0]).toBe(process.execPath);
    expect(spec.argv[1]).toBe(path.join(repoRoot, "scripts", "tslab-kernel.cjs"));
    expect(fs.existsSync(spec.argv[1])).toBe(true);
    expect(spec.argv.slice(2)).toEqual(["kernel", "--config-path", "{connection_file}"]);
    expect(fs.readFileSync(path.join(repoRoot, ".gitignore"), "utf8").split("\n")).toContain(".jupyter-local/");
    const env = jupyterEnv({ JUPYTER_PATH: "/elsewhere" });
    expect(env.JUPYTER_PATH).toBe(`${path.join(repoRoot, ".jupyter-local")}${path.delimiter}/elsewhere`);
    expect(env.JUPYTER_DATA_DIR).toBe(path.join(repoRoot, ".jupyter-local"));
  });

  it("a second run installs nothing and says so in one line", () => {
    spawnSync(process.execPath, [path.join(repoRoot, "scripts", "setup.mjs")], { encoding: "utf8" });
    const r = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "setup.mjs")], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/^setup: nothing to install \(node_modules current, Jupyter present, tslab kernelspec, plotly.js and nbconvert template current in \.jupyter-local\/\)/);
    expect(npmDependenciesCurrent()).toBe(true);
  });

  it("--kernel-test also ensures Jupyter's kernel test suite, importable by Debian's /usr/bin/python3", () => {
    expect(KERNEL_TEST_DEBS).toEqual(["python3-jupyter-kernel-test"]);
    const r = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "setup.mjs"), "--kernel-test"], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split("\n").pop()).toMatch(/^setup: nothing to install \(node_modules current, Jupyter, jupyter_kernel_test present,/);
    expect(missingDebs(KERNEL_TEST_DEBS)).toEqual([]);
    expect(spawnSync(DEBIAN_PYTHON, ["-c", "import jupyter_kernel_test"]).status).toBe(0);
  });

  it("finds a Debian package that is not installed, and tells a non-root user the exact sudo line", () => {
    expect(missingDebs(["jupyter-nbconvert", "wb-no-such-package-xyz"])).toEqual(["wb-no-such-package-xyz"]);
    expect(aptInstallLine(["jupyter-notebook", "jupyter-client"])).toBe("apt-get install -y --no-install-recommends jupyter-notebook jupyter-client");
    expect(sudoMessage(["jupyter-notebook"])).toContain("sudo apt-get update && sudo apt-get install -y --no-install-recommends jupyter-notebook");
  });
});
