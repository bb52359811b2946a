"""Sampler of core_non_exhaustive: a `match` that misses a variant, a range or a
combination, over enums of operations, shapes, directions, units and commands."""

from .pools import ACCS, FUNCS, LISTS, SCALARS, TEXTS, TYPES, WORDS, CoreNames, rust_vec


# --------------------------------------------------------------------------- core_non_exhaustive
OPS = [("Add", "{a} + {b}", lambda a, b: a + b), ("Sub", "{a} - {b}", lambda a, b: a - b),
       ("Mul", "{a} * {b}", lambda a, b: a * b), ("Max", "{a}.max({b})", max), ("Min", "{a}.min({b})", min)]
OP_ENUMS = ["Op", "Operation", "Calc", "BinOp", "Instr", "Step"]
SHAPES = [  # variant, alternative binding names, area expression over the bindings, python area
    ("Square", [["side"], ["s"], ["len"]], "{0} * {0}", lambda s: s * s),
    ("Rect", [["w", "h"], ["width", "height"], ["a", "b"]], "{0} * {1}", lambda w, h: w * h),
    ("Triangle", [["base", "height"], ["b", "h"]], "{0} * {1} / 2", lambda b, h: b * h // 2),
    ("Diamond", [["d1", "d2"], ["p", "q"]], "{0} * {1} / 2", lambda p, q: p * q // 2),
    ("Trapezoid", [["a", "b", "h"], ["top", "bottom", "height"]], "({0} + {1}) * {2} / 2",
     lambda a, b, h: (a + b) * h // 2),
]
SHAPE_ENUMS = ["Shape", "Figure", "Tile", "Plot", "Panel"]
DIRECTIONS = [["North", "South", "East", "West"], ["Up", "Down", "Right", "Left"]]
UNIT_SETS = [("Seconds", "Minutes", "Hours", "Days"), ("Millimeters", "Centimeters", "Meters", "Kilometers"),
             ("Penny", "Nickel", "Dime", "Quarter")]
UNIT_FACTORS = [(1, 60, 3600, 86400), (1, 10, 1000, 1000000), (1, 5, 10, 25)]
UNIT_ENUMS = ["Unit", "Measure", "Coin", "Scale", "Denomination"]
CMD_NAMES = [("Push", "Pop", "Clear"), ("Add", "Remove", "Reset"), ("Put", "Take", "Empty")]
CYCLES = [["Red", "Green", "Yellow"], ["Spring", "Summer", "Autumn", "Winter"], ["Rock", "Paper", "Scissors"],
          ["Morning", "Noon", "Evening", "Night"], ["Egg", "Larva", "Pupa", "Adult"]]


def sample_non_exhaustive(rng):
    nm = CoreNames(rng)
    d = {"S": nm.one(TYPES), "f": nm.one(FUNCS), "g": nm.one(FUNCS), "m": nm.one(FUNCS), "m2": nm.one(FUNCS),
         "a": nm.one(SCALARS), "b": nm.one(SCALARS), "v": nm.one(LISTS), "acc": nm.one(ACCS),
         "t": nm.one(TEXTS), "fa": nm.one(SCALARS), "fb": nm.one(SCALARS), "fc": nm.one(SCALARS),
         "kind": nm.one(["kind", "which", "action", "choice", "mode", "how"])}
    x, y = rng.randint(1, 20), rng.randint(1, 20)
    d.update(x=x, y=y)
    _operations(rng, d, x, y)
    _shapes(rng, d)
    _directions(rng, d)
    # integer ranges with a documented fallback
    d["w0"], d["w1"], d["w2"] = rng.sample(WORDS, 3)
    d["hi"] = rng.randint(2, 9)
    d["big"] = d["hi"] + rng.randint(1, 20)
    d["mid"] = rng.randint(1, d["hi"])
    # two flags, weighted
    d["pa"], d["pb"] = rng.randint(1, 9), rng.randint(1, 9)
    d["flag_missing"] = rng.randrange(4)
    d["flag_arms"] = [{"pat": "(true, true)", "want": d["pa"] + d["pb"]}, {"pat": "(true, false)", "want": d["pa"]},
                      {"pat": "(false, true)", "want": d["pb"]}, {"pat": "(false, false)", "want": 0}]
    _units(rng, d)
    _commands(rng, d)
    # eval: a state cycle, character classes
    cyc = rng.choice(CYCLES)
    d["cycle"], d["cycle_enum"] = cyc, rng.choice(["State", "Stage", "Phase", "Light", "Turn"])
    d["cycle_missing"] = rng.randrange(len(cyc))
    d["text"] = "".join(rng.choice("abcxyz0123 !?-AB") for _ in range(rng.randint(5, 10)))
    d["lower"] = sum(ch.islower() for ch in d["text"])
    d["digits"] = sum(ch.isdigit() for ch in d["text"])
    d["others"] = len(d["text"]) - d["lower"] - d["digits"]
    return d


def _operations(rng, d, x, y):
    """Arithmetic operations on the two fields, one arm missing."""
    ops = rng.sample(OPS, rng.randint(3, 4))
    d["op_enum"] = rng.choice(OP_ENUMS)
    d["ops"] = [{"name": n, "expr": e.format(a=d["a"], b=d["b"]), "want": fn(x, y)} for n, e, fn in ops]
    d["op_missing"] = rng.randrange(len(ops))


def _shapes(rng, d):
    """Three shapes with their areas, one arm missing."""
    d["shape_enum"] = rng.choice(SHAPE_ENUMS)
    shapes, ty = [], rng.choice(["u32", "u64", "usize", "i32", "i64"])
    for name, alternatives, expr, fn in rng.sample(SHAPES, 3):
        fields = rng.choice(alternatives)
        args = [rng.randint(1, 9) for _ in fields]
        shapes.append({"name": name, "pat": f"{name}({', '.join(fields)})", "expr": expr.format(*fields),
                       "ty": ", ".join(ty for _ in fields), "args": rust_vec(args), "want": fn(*args)})
    d["shape_ty"] = ty
    d["shapes"], d["shape_missing"] = shapes, rng.randrange(3)


def _directions(rng, d):
    """Directions moving a position: a walk that takes the missing one at least once."""
    dirs = rng.choice(DIRECTIONS)
    d["dirs"], d["dir_missing"] = dirs, rng.randrange(4)
    d["dir_enum"] = rng.choice(["Dir", "Direction", "Heading", "Compass"])
    moves = {0: (0, 1), 1: (0, -1), 2: (1, 0), 3: (-1, 0)}
    walk = [rng.randrange(4) for _ in range(rng.randint(3, 6))]
    if d["dir_missing"] not in walk:
        walk[rng.randrange(len(walk))] = d["dir_missing"]
    d["walk"] = ", ".join(f"{d['dir_enum']}::{dirs[i]}" for i in walk)
    d["end_x"] = sum(moves[i][0] for i in walk)
    d["end_y"] = sum(moves[i][1] for i in walk)


def _units(rng, d):
    """Units with their factors: amounts that use the missing unit at least once."""
    u = rng.randrange(3)
    d["units"], d["factors"], d["unit_enum"] = UNIT_SETS[u], UNIT_FACTORS[u], rng.choice(UNIT_ENUMS)
    d["unit_missing"] = rng.randrange(1, 4)
    items = [(rng.randint(1, 5), rng.randrange(4)) for _ in range(rng.randint(2, 3))]
    if all(i != d["unit_missing"] for _, i in items):
        items[0] = (items[0][0], d["unit_missing"])
    d["unit_items"] = ", ".join(f"({n}, {d['unit_enum']}::{d['units'][i]})" for n, i in items)
    d["unit_total"] = sum(n * d["factors"][i] for n, i in items)


def _commands(rng, d):
    """Stack commands: a sequence that runs the missing one, and the stack it leaves."""
    d["cmds"] = rng.choice(CMD_NAMES)
    d["cmd_enum"] = rng.choice(["Cmd", "Command", "Instruction", "Request"])
    d["cmd_missing"] = rng.randrange(3)
    seq, stack = [], []
    for _ in range(rng.randint(4, 7)):
        c = rng.choice([0, 0, 1, 2]) if seq else 0
        if c == 0:
            n = rng.randint(1, 9)
            seq.append(f"{d['cmd_enum']}::{d['cmds'][0]}({n})")
            stack.append(n)
        elif c == 1:
            seq.append(f"{d['cmd_enum']}::{d['cmds'][1]}")
            stack = stack[:-1]
        else:
            seq.append(f"{d['cmd_enum']}::{d['cmds'][2]}")
            stack = []
    needed = f"{d['cmd_enum']}::{d['cmds'][d['cmd_missing']]}"
    if not any(s_.startswith(needed) for s_ in seq):  # the missing command must be exercised
        seq.append(needed + ("(4)" if d["cmd_missing"] == 0 else ""))
        stack = stack + [4] if d["cmd_missing"] == 0 else stack[:-1] if d["cmd_missing"] == 1 else []
    d["cmd_seq"], d["cmd_result"] = ", ".join(seq), rust_vec(stack)
