"""Execute one notebook with the tslab kernel and export it to a self-contained HTML page.

Called by scripts/notebooks.mjs, with the Python that runs Debian's `jupyter` command. Uses
nbclient (the engine behind `jupyter nbconvert --execute`) directly so that it can time the kernel
start, report progress per cell, stop at the first failing cell and still export the cells run so
far. Protocol:

    python3 execute_notebook.py <job.json>      one notebook, then exit
    python3 execute_notebook.py --serve         one notebook per line of stdin (a job.json path),
                                                one after the other, until stdin closes

`--serve` is what scripts/notebooks.mjs uses: one such process per kernel slot runs all of its
notebooks, so Python, jupyter_client, nbclient and nbconvert are imported once per slot and not once
per notebook (about 0.5 s of CPU per notebook). Each job ends with the line `@@wb {"event":
"exit", "code": <exit status as below>}`; a kernel is never shared between notebooks.

job.json: {"input", "cwd", "html", "executed", "result", "kernel", "timeout", "name", "title",
           "article", "parameters": [[name, value-source], ...], "header_html"}

Progress goes to stdout as lines `@@wb <json>`; the result (status, timings, error) is written
to job["result"]. Exit status 0 = all cells ran, 1 = a cell failed, 2 = the runner itself failed.

The kernel runs in a session of its own (jupyter_client starts it with start_new_session), so it
would outlive this process: on SIGTERM, SIGHUP or SIGINT, and when the parent (scripts/notebooks.mjs)
disappears, this process kills the kernel's process group before it exits. The kernel's pid is
also sent to the parent (`kernel_ready` event) so the parent can kill it itself.
"""
import json
import os
import resource
import signal
import sys
import threading
import time
import traceback

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_core.utils import run_sync
from queue import Empty

# nbformat and nbclient (about 0.2 s of imports) are imported in main() once the kernel process is
# launched, so that they load while the kernel starts instead of before.


def emit(event, **payload):
    payload["event"] = event
    sys.stdout.write("@@wb " + json.dumps(payload, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _fmt_seconds(x):
    return ("%g" % x) if isinstance(x, (int, float)) else str(x)


def cell_error_text(cell, exc):
    """The error as the kernel reported it: its stderr and its `error` output (the project kernel's
    traceback starts with the "ename: evalue" line; other kernels' may not)."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            header = "%s: %s" % (out.get("ename", ""), out.get("evalue", ""))
            traceback = out.get("traceback", [])
            if not traceback or traceback[0] != header:
                parts.append(header)
            parts.extend(traceback)
    text = "".join(p if p.endswith("\n") else p + "\n" for p in parts)
    if not text.strip():
        text = "%s: %s" % (type(exc).__name__, getattr(exc, "evalue", None) or str(exc).strip().splitlines()[-1:])
    return text


_KERNEL = {"km": None}


async def _wait_for_ready(self, timeout=None):
    """jupyter_client's wait_for_ready without its fixed waits: it sends kernel_info, and after the
    reply waits 0.2 s for any IOPub message, then drains IOPub until 0.2 s pass without one, so
    every kernel start spent at least 0.4 s idle. Here the kernel is ready as soon as both the
    kernel_info reply (shell) and the idle status of that request (IOPub, which proves the IOPub
    subscription is connected) have arrived; if the status does not come within 0.1 s of the reply
    (the subscription was not connected yet when the kernel published it), the request is sent
    again, as jupyter_client does after 0.2 s.
    A request sent before the kernel has bound its sockets can be lost, so until a reply comes the
    request is repeated every 0.25 s (jupyter_client: every second). Replies to the earlier requests
    and messages still queued on IOPub are left: nbclient matches messages to its own requests by
    parent id, so nothing needs draining. Gives up, as jupyter_client does, when the
    kernel dies or `timeout` passes."""
    deadline = time.time() + (timeout if timeout is not None else float("inf"))
    while True:
        msg_id = self.kernel_info()
        reply = None
        status_seen = False
        # a request sent before the kernel's sockets are up may be lost: ask again every 0.25 s
        attempt_end = min(deadline, time.time() + 0.25)
        while time.time() < attempt_end and not (reply is not None and status_seen):
            left = max(0.0, attempt_end - time.time())
            if reply is None:
                try:
                    m = await self.shell_channel.get_msg(timeout=min(left, 0.05))
                    if m["msg_type"] == "kernel_info_reply" and m["parent_header"].get("msg_id") == msg_id:
                        reply = m
                        # the kernel publishes the idle status right after the reply: give it 0.1 s
                        attempt_end = min(attempt_end, time.time() + 0.1)
                except Empty:
                    pass
            try:
                m = await self.iopub_channel.get_msg(timeout=min(left, 0.05) if reply is None else left)
                if (m["msg_type"] == "status" and m["parent_header"].get("msg_id") == msg_id
                        and m["content"].get("execution_state") == "idle"):
                    status_seen = True
            except Empty:
                pass
        if reply is not None and status_seen:
            self._handle_kernel_info_reply(reply)
            return
        if not await self._async_is_alive():
            raise RuntimeError("Kernel died before replying to kernel_info")
        if time.time() >= deadline:
            raise RuntimeError("Kernel didn't respond in %d seconds" % timeout)


AsyncKernelClient.wait_for_ready = _wait_for_ready


def kernel_pid():
    km = _KERNEL["km"]
    prov = getattr(km, "provisioner", None) if km else None
    pid = getattr(prov, "pid", None) if prov else None
    if pid is None and prov is not None and getattr(prov, "process", None) is not None:
        pid = prov.process.pid
    return pid


def kill_kernel():
    """SIGKILL the kernel's process group (it is a session leader), or the kernel alone."""
    pid = kernel_pid()
    if not pid:
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def install_cleanup():
    def on_signal(signum, _frame):
        kill_kernel()
        os._exit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, on_signal)
    parent = os.getppid()

    def watch_parent():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                kill_kernel()
                os._exit(1)

    threading.Thread(target=watch_parent, daemon=True).start()


def _kernel_manager(kernel_name):
    """The kernel manager nbclient would make, with the kernelspec folders given: jupyter_client's
    default list adds IPython's profile folder (~/.ipython/kernels) and imports IPython to find it,
    0.3 s of every kernel start. The project's kernelspec lives in the Jupyter path
    (.jupyter-local, JUPYTER_PATH), which is searched as before."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.paths import jupyter_path

    return AsyncKernelManager(kernel_name=kernel_name, kernel_spec_manager=KernelSpecManager(kernel_dirs=jupyter_path("kernels")))


def _preload_exporter():
    """Import export_html (nbconvert, mistune, bleach, jinja2: about 0.4 s of CPU) on a thread while
    the kernel starts and runs the cells, instead of after the last cell, where it delayed the page
    of every run. The thread only imports; a failing import is reported by the export itself."""
    try:
        import export_html  # noqa: F401  (same folder)
    except Exception:
        pass


def run_job(job_path):
    """Run the notebook of one job file; returns the exit status (0 ok, 1 a cell or the export failed)."""
    ru_self0 = resource.getrusage(resource.RUSAGE_SELF)
    ru_kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    job = json.load(open(job_path, encoding="utf-8"))
    kernel_name = job.get("kernel", "tslab")
    km = _kernel_manager(kernel_name)
    _KERNEL["km"] = km
    t0 = time.time()
    start_error = None
    try:
        # Launch the kernel process first (it takes seconds to start) and import the rest meanwhile;
        # nbclient then finds the kernel started (km.has_kernel) and only connects its client, on
        # the same per-thread event loop (nbclient's run_sync is jupyter_core's).
        run_sync(km.start_kernel)(extra_arguments=[], cwd=job["cwd"])
    except Exception as exc:  # reported below as the kernel's failure, with the notebook's result
        start_error = exc
    threading.Thread(target=_preload_exporter, daemon=True).start()
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(job["input"], as_version=4)
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    result = {
        "name": job["name"],
        "status": "ok",
        "cells": len(nb.cells),
        "codeCells": len(code_cells),
        "kernelStartSeconds": None,
        "runSeconds": None,
        "error": None,
        "cellSeconds": [],
    }
    client = NotebookClient(
        nb,
        km=km,
        kernel_name=kernel_name,
        timeout=job.get("timeout", 600),
        startup_timeout=120,
        allow_errors=False,
        record_timing=True,
        resources={"metadata": {"path": job["cwd"]}},
    )
    kernel_ready = None
    try:
        if start_error is not None:
            raise start_error
        # the kernel manager is ours (see _kernel_manager), so nbclient is told to shut the kernel down
        with client.setup_kernel(cwd=job["cwd"], cleanup_kc=True):
            kernel_ready = time.time()
            result["kernelStartSeconds"] = round(kernel_ready - t0, 3)
            emit("kernel_ready", seconds=result["kernelStartSeconds"], pid=kernel_pid())
            for pos, index in enumerate(code_cells):
                cell = nb.cells[index]
                emit("cell_start", index=index, number=index + 1, codeNumber=pos + 1, total=len(code_cells),
                     elapsed=round(time.time() - t0, 2))
                c0 = time.time()
                try:
                    client.execute_cell(cell, index)
                except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
                    first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
                    kind = "timeout" if isinstance(exc, CellTimeoutError) else (
                        "kernel died" if isinstance(exc, DeadKernelError) else "error")
                    result["status"] = "failed"
                    result["error"] = {
                        "kind": kind,
                        "cellIndex": index,
                        "cellNumber": index + 1,
                        "codeCellNumber": pos + 1,
                        "firstLine": first,
                        "text": ("cell %d exceeded %s s" % (index + 1, _fmt_seconds(client.timeout)))
                        if isinstance(exc, CellTimeoutError) else cell_error_text(cell, exc),
                    }
                    emit("cell_error", **result["error"])
                    break
                secs = round(time.time() - c0, 3)
                result["cellSeconds"].append([index + 1, secs])
                emit("cell_done", index=index, seconds=secs)
    except Exception as exc:  # kernel failed to start, or nbclient itself failed
        result["status"] = "failed"
        result["error"] = {
            "kind": "kernel",
            "cellIndex": None,
            "cellNumber": None,
            "codeCellNumber": None,
            "firstLine": "",
            "text": "".join(traceback.format_exception_only(type(exc), exc)),
        }
        emit("cell_error", **result["error"])
    t1 = time.time()
    # CPU time of this process and of the (now shut down and reaped) kernel: a load-independent
    # measure, next to the wall-clock times that depend on what else the machine is doing.
    # (This job's share: the differences from its start, as a --serve process runs several jobs.)
    ru_self = resource.getrusage(resource.RUSAGE_SELF)
    ru_kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = lambda r: r.ru_utime + r.ru_stime  # noqa: E731
    result["cpuSeconds"] = {
        "kernel": round(cpu(ru_kids) - cpu(ru_kids0), 3),
        "runner": round(cpu(ru_self) - cpu(ru_self0), 3),
    }
    result["loadAverage"] = [round(x, 2) for x in os.getloadavg()]
    result["runSeconds"] = round(t1 - t0, 3)
    result["executeSeconds"] = round(t1 - kernel_ready, 3) if kernel_ready else None

    failed_at = (result.get("error") or {}).get("cellIndex")
    if failed_at is not None:
        for cell in nb.cells[failed_at + 1:]:
            if cell.cell_type == "code":
                tags = cell.setdefault("metadata", {}).setdefault("tags", [])
                if "wb-not-run" not in tags:
                    tags.append("wb-not-run")
    if job.get("executed"):
        nbformat.write(nb, job["executed"])
    try:
        from export_html import export_page  # same folder

        size = export_page(nb, job, result)
        result["htmlBytes"] = size
    except Exception:
        result["status"] = "failed"
        result["error"] = result["error"] or {
            "kind": "export", "cellIndex": None, "cellNumber": None, "codeCellNumber": None,
            "firstLine": "", "text": traceback.format_exc(),
        }
        emit("cell_error", **result["error"])
    with open(job["result"], "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=2)
    emit("done", status=result["status"], seconds=result["runSeconds"])
    return 0 if result["status"] == "ok" else 1


def run_job_safely(job_path):
    """run_job, with a failure of the runner itself reported on stderr as exit status 2."""
    try:
        return run_job(job_path)
    except Exception:
        traceback.print_exc()
        sys.stderr.flush()
        kill_kernel()  # a kernel launched before the failure (e.g. an unreadable notebook) must not outlive the job
        return 2
    finally:
        _KERNEL["km"] = None


def serve():
    """One job per line of stdin, each ended by an `exit` event; returns when stdin closes."""
    for line in sys.stdin:
        job_path = line.strip()
        if job_path:
            emit("exit", code=run_job_safely(job_path))


if __name__ == "__main__":
    install_cleanup()
    if sys.argv[1:] == ["--serve"]:
        serve()
        # Every job's files are written and closed and its kernel shut down: exit without the
        # interpreter's finalization of the imported modules (about 0.2-0.5 s here).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    sys.exit(run_job_safely(sys.argv[1]))
