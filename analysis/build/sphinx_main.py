"""One Sphinx builder run for Jupyter Book: `python -m analysis.build.sphinx_main SRC OUT DOCTREES BUILDER`.

Unlike `jupyter-book build`, it reads only the pages whose source changed since the last run
(the environment is kept in DOCTREES) but still writes every page, so cross-references, figure
numbers and citations in unchanged pages are resolved afresh and never go stale."""
from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from jupyter_book.sphinx import build_sphinx

    src, out, doctrees, builder = argv
    code = build_sphinx(src, out, noconfig=True, path_config=f"{src}/_config.yml", builder=builder,
                        confoverrides={"nitpicky": True, "latex_individualpages": False},
                        doctreedir=doctrees, warningiserror=True, keep_going=True,
                        freshenv=False, force_all=True, quiet=True)
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
