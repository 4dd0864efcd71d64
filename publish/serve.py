"""`make serve`: a live preview of the site on 127.0.0.1 while the book is being edited.

It builds if needed, serves _build/html, watches data/, book/, analysis/, _config.yml and
_toc.yml, rebuilds what an edit reaches (the site first, then the PDFs; serve_build.py) and
reloads the open pages. A page asks the server every few tenths of a second which build it is
(a script added to each HTML page as it is sent, never to the published files). An edit that
does not build is shown in the terminal and as a banner over the last good site, which stays
served. Ctrl-C stops it and everything it started."""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from analysis.paths import BUILD, ROOT

from . import serve_build

SITE = BUILD / "html"
WATCHED = ("data", "book", "analysis", "_config.yml", "_toc.yml")
# Edits that change the code the worker has imported or its Sphinx configuration: a new worker.
RESTART = ("analysis/", "_config.yml", "_toc.yml")
FIRST = "the first build"
POLL_S = 0.2  # how often the files are looked at; a page asks for the build as often (RELOAD below)

RELOAD = """<script>/* make serve: reload when a new build is published; show why an edit did not build */
(() => {
  const build = %d;
  const bar = document.createElement("div");
  bar.id = "serve-error"; bar.setAttribute("role", "alert"); bar.hidden = true;
  bar.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:10000;max-height:60vh;overflow:auto;" +
    "margin:0;padding:.8rem 1rem;background:#8b0000;color:#fff;font:14px/1.45 monospace;white-space:pre-wrap";
  document.body.append(bar);
  const ask = async () => {
    try {
      const s = await (await fetch("/__serve/status", {cache: "no-store"})).json();
      if (s.build !== build) { location.reload(); return; }
      bar.hidden = !s.error;
      bar.textContent = s.error ? "The last edit did not build; this is the last good site.\\n\\n" + s.error : "";
    } catch (e) { /* the server is restarting or stopped: ask again */ }
    setTimeout(ask, 200);
  };
  ask();
})();
</script>"""

WAITING = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Building the site</title></head>
<body><main><h1>Building the site</h1><p>The first build takes about a minute; this page reloads
when the site is ready.</p></main></body></html>"""


@dataclass
class State:
    """What the pages ask for: the published build's number, why the last edit failed, if it did."""

    build: int = 0
    error: str | None = None
    busy: bool = True  # a site rebuild is running (the first one from the start)
    pdf: bool = False  # the PDFs are being rendered

    def status(self) -> dict:
        return {"build": self.build, "error": self.error, "busy": self.busy, "pdf": self.pdf}


class Handler(http.server.SimpleHTTPRequestHandler):
    state: State

    def log_message(self, *args):  # no access log: the terminal shows the builds
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")  # a reload asks again; unchanged files answer 304
        super().end_headers()

    def do_GET(self):
        if self.path.split("?", 1)[0] == "/__serve/status":
            return self._send(json.dumps(self.state.status()).encode(), "application/json")
        build = self.state.build  # read before the page: a page published meanwhile is reloaded, never missed
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._send(_with_reload(path.read_bytes(), build), "text/html; charset=utf-8")
        if not (SITE / "index.html").exists() and path.suffix in ("", ".html"):
            return self._send(_with_reload(WAITING.encode(), build), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _with_reload(page: bytes, build: int) -> bytes:
    script = (RELOAD % build).encode()
    at = page.lower().rfind(b"</body>")
    return page + script if at < 0 else page[:at] + script + page[at:]


def snapshot() -> dict[str, tuple[int, int]]:
    """Each watched file's time and size; editors' hidden swap and backup files are left out."""
    out = {}
    for name in WATCHED:
        top = ROOT / name
        for f in [top] if top.is_file() else top.rglob("*"):
            rel = f.relative_to(ROOT)
            if any(p.startswith(".") or p == "__pycache__" for p in rel.parts) or f.name.endswith("~"):
                continue
            try:
                if f.is_file():
                    st = f.stat()
                    out[rel.as_posix()] = (st.st_mtime_ns, st.st_size)
            except OSError:  # removed while we looked
                pass
    return out


class Jobs:
    """The site worker (kept between rebuilds) and the PDF process (stopped by a newer edit)."""

    def __init__(self):
        self.ctx = multiprocessing.get_context("spawn")  # fresh interpreters: no threads or sockets inherited
        self.worker = self.conn = None
        self.pdf = self.pdf_conn = None

    def start_worker(self) -> None:
        self.stop_worker()
        self.conn, child = self.ctx.Pipe()
        self.worker = self.ctx.Process(target=serve_build.worker, args=(child,), name="serve-site")
        self.worker.start()
        child.close()

    def stop_worker(self, busy: bool = False) -> None:
        if self.worker is None:
            return
        if not busy and self.worker.is_alive():
            self.conn.send("quit")
            self.worker.join(10)
        if self.worker.is_alive():  # in the middle of a rebuild: its kernels stop when it does
            self.worker.terminate()
            self.worker.join(10)
        self.worker = None

    def start_pdf(self, made: dict) -> None:
        self.pdf_conn, child = self.ctx.Pipe(duplex=False)
        self.pdf = self.ctx.Process(
            target=serve_build.render_pdfs, args=(child, made["site"], made["facts"], made["epoch"]), name="serve-pdf"
        )
        self.pdf.start()
        child.close()

    def stop_pdf(self) -> bool:
        """Stop the PDFs being rendered (with the brief's process); whether there were any."""
        if self.pdf is None:
            return False
        if self.pdf.is_alive():
            try:
                os.killpg(self.pdf.pid, signal.SIGTERM)  # its own process group (os.setsid)
            except ProcessLookupError:
                self.pdf.terminate()
            self.pdf.join(10)
        self.pdf = None
        shutil.rmtree(serve_build.PDF_DIR, ignore_errors=True)
        return True


def say(msg: str) -> None:
    print(f"[serve] {msg}", flush=True)


def watch(state: State, jobs: Jobs) -> None:
    """Rebuild after each edit, one rebuild at a time; edits made meanwhile make the next one."""
    seen = snapshot()
    pending, edited_at, restart = [], 0.0, False
    started, changes = time.time(), [FIRST]
    jobs.start_worker()
    say("building what is not current ...")
    jobs.conn.send("build")  # the state says busy from the start: nobody takes the old site for the new one
    while True:
        if state.busy and jobs.conn.poll(POLL_S):
            try:
                result = jobs.conn.recv()
            except EOFError:  # the worker died (out of memory, say): a new one makes the next rebuild
                result, restart = {"ok": False, "error": "the rebuild stopped unexpectedly; see the terminal"}, True
            state.busy = False
            _site_done(state, jobs, result, time.time() - started, changes)
        elif not state.busy:
            time.sleep(POLL_S)
        if jobs.pdf is not None and jobs.pdf_conn.poll():
            _pdf_done(state, jobs, _receive(jobs.pdf_conn))
        now = snapshot()
        if now != seen:
            time.sleep(0.1)  # let the editor finish writing
            now = snapshot()
            edited = sorted(k for k in now.keys() | seen.keys() if now.get(k) != seen.get(k))
            seen = now
            if not pending:
                edited_at = time.time()
            pending += [e for e in edited if e not in pending]
            restart = restart or any(e.startswith(RESTART) for e in edited)
            if jobs.stop_pdf():
                state.pdf = False
                say("PDFs stopped: they follow the next build")
        if pending and not state.busy:
            changes, pending = pending, []
            if jobs.stop_pdf():  # the PDFs are made from the pages the rebuild rewrites
                state.pdf = False
            if restart or not jobs.worker.is_alive():
                say("a fresh rebuild reads every page (new code or configuration, or the last rebuild crashed)")
                jobs.start_worker()
                restart = False
            say(f"rebuilding for {', '.join(changes[:5])}{' ...' if len(changes) > 5 else ''}")
            started = edited_at
            state.busy = True
            jobs.conn.send("build")


def _receive(conn) -> dict:
    try:
        return conn.recv()
    except EOFError:
        return {"ok": False, "error": "the PDF step stopped unexpectedly; see the terminal"}


def _site_done(state: State, jobs: Jobs, result: dict, seconds: float, changes: list[str]) -> None:
    if not result["ok"]:
        state.error = result["error"]
        say(f"FAILED ({seconds:.1f} s after the edit); the last good site stays served:\n{result['error']}")
        return
    state.error = None
    if result["published"]:
        state.build += 1
        after = "for the first build" if changes == [FIRST] else "after the edit"
        say(f"site published {seconds:.1f} s {after}; open pages reload")
    else:
        say("the site is current")
    if not result["pdf_current"]:
        say("rendering the PDFs ...")
        state.pdf = True
        jobs.start_pdf(result)


def _pdf_done(state: State, jobs: Jobs, result: dict) -> None:
    from .pipeline import publish_pdfs

    jobs.pdf.join(10)
    jobs.pdf, state.pdf = None, False
    if result["ok"]:
        publish_pdfs(serve_build.PDF_DIR)
        say(f"PDFs updated: _build/pdf/report.pdf ({result['pages']} pages) and brief.pdf")
    else:
        state.error = f"The site is current; the PDFs are not:\n{result['error']}"
        say(f"PDFs FAILED; the last good PDFs stay:\n{result['error']}")


def _stop(*_):
    raise KeyboardInterrupt  # `kill` stops it as Ctrl-C does


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m publish.serve", description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (0: any free port)")
    args = ap.parse_args(argv)
    state = State()
    handler = type("BoundHandler", (Handler,), {"state": state})
    try:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", args.port), functools.partial(handler, directory=str(SITE))
        )
    except OSError as exc:
        print(f"[serve] cannot serve on 127.0.0.1:{args.port} ({exc.strerror}): try `make serve PORT={args.port + 1}`")
        return 1
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(f"serving http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background
    signal.signal(signal.SIGTERM, _stop)
    jobs = Jobs()
    try:
        watch(state, jobs)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not cut the clean-up short
        jobs.stop_pdf()
        jobs.stop_worker(busy=state.busy)
        server.shutdown()
        server.server_close()
        shutil.rmtree(serve_build.SERVE, ignore_errors=True)  # _build/ is left as `make book` leaves it
        say("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
