"""Stage `toolchain`: check params.yaml against the registered tasks and record rustc's
version, a dependency of every stage that compiles. It always runs (cheaply) and its
output changes only when rustc does, so nothing else re-runs; a wrong task name, an unknown
evaluate method or a missing rustc stops the cycle here, before any work."""

from share.cycle import paths
from share.cycle import params as P
from share.cycle.methods import check_methods, check_trained
from share.io import write_text
from share.judge.sandbox import rustc_version
from share.koans.plugins import load_registry


def main() -> None:
    params = P.load()
    P.protocol(params, load_registry())
    methods = check_methods(P.section(params, "evaluate").get("methods"))
    check_trained(methods, params)
    write_text(paths.TOOLCHAIN, rustc_version() + "\n")


if __name__ == "__main__":
    P.run_stage(main)
