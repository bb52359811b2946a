"""Stage `toolchain`: record the rustc version, a dependency of every stage that compiles
(it always runs; its output changes only when rustc does, so nothing else re-runs)."""

from share.io import write_text
from share.sandbox import rustc_version


def main() -> None:
    write_text("data/toolchain.txt", rustc_version() + "\n")


if __name__ == "__main__":
    main()
