"""The success criteria of a cycle, each judged on a 95% interval (share.cycle.metrics.verdict):
MET only when the whole interval clears its bar, NOT MET when the whole interval falls
short, NOT MEASURABLE otherwise. Learning is judged on seen shapes (held-out instances of
the training templates), with new shapes reported beside; every comparison is paired on
the same koans (share.cycle.report.compare). The bars are params.yaml's `report` section."""

from __future__ import annotations

from share.cycle.methods import CORE
from share.cycle.metrics import MET, NOT_MEASURABLE, NOT_MET, summarize, verdict
from share.cycle.report import compare, contrast, flatten, of_shape


def interval(c: dict | None, unit: str = " points") -> str:
    """A paired difference as text: mean, 95% interval, n (and McNemar's p for pass rates)."""
    if not c or c["n"] == 0:
        return "n/a"
    low, high = c["ci95"]
    p = f", McNemar exact p={c['p']:.3g}" if c.get("p") is not None else ""
    return f"{c['mean'] * 100:+.1f}{unit} (95% interval {low * 100:+.1f} to {high * 100:+.1f}, n={c['n']} koans{p})"


def rate(s: dict) -> str:
    """A pass rate as text: passed/n, rate, Wilson interval."""
    if not s["n"]:
        return "n/a"
    return f"{s['passed']}/{s['n']} = {s['pass_rate']:.1%} (95% interval {s['ci95'][0]:.1%}-{s['ci95'][1]:.1%})"


def combine(*verdicts: str) -> str:
    if NOT_MET in verdicts:
        return NOT_MET
    return MET if all(v == MET for v in verdicts) else NOT_MEASURABLE


def level(records: list[dict], bar: float) -> tuple[str, str]:
    """(verdict, text) of a pass rate on seen shapes against an absolute bar, with new shapes beside."""
    seen, new = (summarize(of_shape(records, s), by_shape=False) for s in ("seen", "new"))
    found = verdict(*seen["ci95"], bar) if seen["n"] else NOT_MEASURABLE
    return found, f"seen {rate(seen)}; new {rate(new)}"


def base_knows_core(ends: dict, zero_shot: dict | None, bars: dict) -> dict:
    found, text = level(ends["base"][CORE], bars["base_seen"])
    before = "" if zero_shot is None else f"; zero-shot, before the core curriculum: {zero_shot['passed']}/{zero_shot['n']}"
    return {"name": f"the base knows its curriculum: held-out core, seen shapes >= {bars['base_seen']:.0%}",
            "verdict": found, "figures": f"Wilson intervals: {text}{before}"}


def lora_learns_each_task(ends: dict, protocol: dict, bars: dict) -> dict:
    found = {t: level(ends["lora"][t], bars["lora_seen"]) for t in protocol["order"]}
    return {"name": f"per-task LoRA learns each task: its own task's seen shapes >= {bars['lora_seen']:.0%}",
            "verdict": combine(*(v for v, _ in found.values())),
            "figures": "Wilson intervals: " + "; ".join(f"{t}: {text} ({v})" for t, (v, text) in found.items())}


def sequential_forgets(ends: dict, summaries: dict, bars: dict) -> dict:
    bwt, forgetting = summaries["sequential"]["seen"]["bwt"], bars["forgetting"]
    core = compare(ends["sequential"][CORE], ends["base"][CORE])
    parts = [verdict(-bwt["ci95"][1], -bwt["ci95"][0], forgetting) if bwt and bwt["n"] else NOT_MEASURABLE,
             verdict(-core["ci95"][1], -core["ci95"][0], 1e-12) if core["n"] else NOT_MEASURABLE]
    return {"name": f"naive sequential LoRA forgets measurably: BWT on seen shapes <= -{forgetting * 100:.0f} points, "
                    "core below the base's",
            "verdict": combine(*parts),
            "figures": f"BWT on seen shapes {interval(bwt)}; new shapes {interval(summaries['sequential']['new']['bwt'])}; "
                       f"core, sequential - base {interval(core)}"}


def share_learns_without_replay(ends: dict, summaries: dict, protocol: dict, bars: dict) -> dict:
    """Share's gain over the base at least gain_ratio of per-task LoRA's (on seen shapes, per
    koan: (Share - base) - ratio x (LoRA - base) >= 0), its BWT at least bwt_floor, and
    share_mean's core no more than core_margin below the base's. Measurable only where
    LoRA's own gain is distinguishable from 0 and the base has core skill to keep."""
    order, ratio = protocol["order"], bars["gain_ratio"]
    base, lora, share = (flatten(ends[m], order) for m in ("base", "lora", "share"))
    lora_gain = compare(lora, base, shape="seen")
    shortfall = contrast([(1.0, share), (-1.0, base), (-ratio, lora), (ratio, base)], shape="seen")
    bwt = summaries["share"]["seen"]["bwt"]
    core = compare(ends["share_mean"][CORE], ends["base"][CORE])
    base_core = summarize(ends["base"][CORE], by_shape=False)
    lora_learns = lora_gain["n"] and verdict(*lora_gain["ci95"], 1e-12) == MET
    has_skill = base_core["n"] and base_core["ci95"][0] > 0
    parts = [verdict(*shortfall["ci95"], 0.0) if lora_learns else NOT_MEASURABLE,
             verdict(*bwt["ci95"], bars["bwt_floor"]) if bwt and bwt["n"] else NOT_MEASURABLE,
             verdict(*core["ci95"], -bars["core_margin"]) if core["n"] and has_skill else NOT_MEASURABLE]
    beside = "; ".join(f"{m} - base {interval(compare(flatten(ends[m], order), base, shape='seen'))}"
                       for m in ("share_mean", "merged_linear") if m in ends and all(t in ends[m] for t in order))
    return {"name": f"Share learns without replay: on seen shapes its gain over the base >= {ratio:.0%} of per-task "
                    f"LoRA's and its BWT >= {bars['bwt_floor'] * 100:+.0f} points; share_mean's core at most "
                    f"{bars['core_margin'] * 100:.0f} points below the base's",
            "verdict": combine(*parts),
            "figures": f"seen shapes, Tango score intervals: LoRA - base {interval(lora_gain)}"
                       f"{'' if lora_learns else ' (no gain distinguishable from 0: nothing to compare)'}; Share - base "
                       f"{interval(compare(share, base, shape='seen'))}; new shapes: LoRA - base "
                       f"{interval(compare(lora, base, shape='new'))}, Share - base "
                       f"{interval(compare(share, base, shape='new'))}; Share gain - {ratio:g} x LoRA gain, paired "
                       f"bootstrap: {interval(shortfall)}; Share BWT on seen shapes {interval(bwt)}; core, share_mean "
                       f"- base {interval(core)}{'' if has_skill else ' (the base has no core skill to keep)'}"
                       f"{'; beside it: ' + beside if beside else ''}"}


def cheaper(costs: dict) -> list[dict]:
    """Exact sizes and counts: plain MET or NOT MET."""
    s, l, c = costs["share"], costs["lora"], costs["coefficients"]
    return [{"name": "one Share model replaces the per-task adapters (fewer stored bytes)",
             "verdict": MET if s["stored_bytes"] < l["stored_bytes"] else NOT_MET,
             "figures": f"Share {s['stored_bytes']:,} bytes vs {l['stored_bytes']:,} for every LoRA "
                        f"({l['stored_bytes'] / s['stored_bytes']:.1f}x); exact sizes"},
            {"name": "coefficient-only updates cheaper than LoRA (fewer trainable params per new task)",
             "verdict": MET if c["trainable_params"] < l["trainable_params"] else NOT_MET,
             "figures": f"{c['trainable_params']:,} vs {l['trainable_params']:,} trainable params "
                        f"({l['trainable_params'] / c['trainable_params']:.1f}x fewer); {c['seconds']:.0f} s vs "
                        f"{l['seconds']:.0f} s of training per task; exact counts"}]


BARS = ("base_seen", "lora_seen", "forgetting", "core_margin", "gain_ratio", "bwt_floor")


def criteria(ends: dict, summaries: dict, costs: dict, protocol: dict, bars: dict, zero_shot: dict | None = None) -> list[dict]:
    """Every criterion the methods of this cycle allow (one needing a method not run is left out)."""
    missing = [b for b in BARS if not isinstance(bars.get(b), (int, float))]
    if missing:
        from share.cycle.params import ParamsError

        raise ParamsError(f"params.yaml: report.{missing[0]} is missing or not a number; the report section names "
                          f"every bar: {', '.join(BARS)} (see the default params.yaml)")
    has = lambda *methods: all(m in ends or m in summaries for m in methods)  # noqa: E731
    out = []
    if has("base"):
        out.append(base_knows_core(ends, zero_shot, bars))
    if has("lora"):
        out.append(lora_learns_each_task(ends, protocol, bars))
    if has("base", "sequential") and "sequential" in summaries:
        out.append(sequential_forgets(ends, summaries, bars))
    if has("base", "lora", "share", "share_mean") and "share" in summaries:
        out.append(share_learns_without_replay(ends, summaries, protocol, bars))
    if {"share", "lora", "coefficients"} <= costs.keys():
        out += cheaper(costs)
    return out
