"""One Sphinx builder run for Jupyter Book: `python -m publish.sphinx_main SRC OUT DOCTREES BUILDER`.

Unlike `jupyter-book build`, it keeps Sphinx's environment in DOCTREES and reads and writes only
the pages whose source changed since the last run. Whenever something a page shows of other
pages changes (titles, figure numbers, citation numbers), publish.sphinx_ext has every page
rewritten, so no page goes stale."""
from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from jupyter_book.sphinx import build_sphinx

    src, out, doctrees, builder = argv
    code = build_sphinx(src, out, noconfig=True, path_config=f"{src}/_config.yml", builder=builder,
                        confoverrides={"nitpicky": True, "latex_individualpages": False},
                        doctreedir=doctrees, warningiserror=True, keep_going=True,
                        freshenv=False, force_all=False, quiet=True)
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
