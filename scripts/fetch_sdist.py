"""Download one sdist through pip's configured index without building it.

`pip download --no-binary` must prepare the sdist's metadata, and XGBoost's build backend does that
by compiling all of libxgboost (~5 minutes on 2 cores). This uses pip's own finder and session
instead, so the index configuration (pip.conf, PIP_INDEX_URL) is honoured and nothing is built.
Usage: python fetch_sdist.py NAME VERSION DEST_DIR   (prints the saved path; exit 1 on failure)
"""
import pathlib
import sys


def main() -> int:
    name, version, dest = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
    from pip._internal.commands import create_command  # pip internals: caller falls back on error

    cmd = create_command("download")
    options, _ = cmd.parse_args(["--no-deps", name])
    with cmd.main_context():
        session = cmd.get_default_session(options)
        finder = cmd._build_package_finder(options, session)  # noqa: SLF001
        for cand in finder.find_all_candidates(name):
            if str(cand.version) == version and cand.link.filename.endswith(".tar.gz"):
                resp = session.get(cand.link.url.split("#")[0])
                resp.raise_for_status()
                dest.mkdir(parents=True, exist_ok=True)
                out = dest / cand.link.filename
                out.write_bytes(resp.content)
                print(out)
                return 0
    print(f"no sdist found for {name}=={version}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
