"""The core family's identifier pools and the helpers its samplers share.

RESERVED holds what is never a generated name (or typo): keywords, prelude items and names
the templates use literally. `CoreNames` draws every identifier of a koan through
share.koans.names, so no two roles share a name and none is reserved.
"""

from __future__ import annotations

import random

from share.koans.names import Names

KEYWORDS = set(
    "as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move "
    "mut pub ref return self Self static struct super trait true type unsafe use where while abstract become box do "
    "final gen macro override priv try typeof unsized virtual yield union".split()
)
# never a generated name (or typo): prelude items and names the templates use literally
RESERVED = KEYWORDS | set(
    "drop Some None Ok Err Box Vec String Option Result std core alloc main new tests test x y i j w c n u p q r it "
    "op cmd ok len sum max min push pop insert get iter map filter count fold chars clone format print println "
    "to_string as_str into from default is_empty clear swap rev".split()
)

SCALARS = ["width", "height", "score", "level", "price", "speed", "depth", "weight", "budget", "stock", "limit",
           "offset", "bonus", "rank", "volume", "amount", "balance", "credit", "energy", "health", "power", "radius",
           "age", "cost", "fuel", "load", "factor", "margin", "quota", "target", "capacity", "length", "points",
           "hours", "days", "coins", "seeds", "pages", "votes", "tokens", "cards", "laps", "goals", "wins", "stars"]
LISTS = ["values", "items", "nums", "scores", "readings", "samples", "data", "entries", "amounts", "weights",
         "prices", "marks", "sizes", "ticks", "levels", "inputs", "figures", "grades", "heights", "costs"]
ACCS = ["total", "acc", "result", "running", "tally", "best", "out", "answer", "agg", "current", "found", "seen",
        "collected", "kept", "buffer", "sum_so_far", "so_far", "picked"]
TEXTS = ["text", "line", "name", "label", "word", "title", "phrase", "message", "input", "raw", "source",
         "caption", "owner", "city", "tag", "brand", "color", "note", "motto", "slogan"]
FUNCS = ["compute", "tally_up", "measure", "combine", "total_of", "score_of", "weigh", "scale", "summarize",
         "count_up", "accumulate", "collect_all", "evaluate", "estimate", "gather", "process", "reckon", "rate",
         "grade", "pack", "spread", "merge_all", "settle", "balance_of", "adjust", "boost", "shrink", "double_up",
         "advance", "describe", "render", "report", "assess", "refine", "convert", "digest", "survey", "inspect",
         "pick_out", "plan", "prepare", "rank_of", "audit", "review", "tabulate", "weigh_in"]
TYPES = ["Point", "Counter", "Account", "Inventory", "Robot", "Player", "Order", "Ticket", "Sensor", "Garden",
         "Wallet", "Timer", "Recipe", "Vehicle", "Planet", "Tank", "Shelf", "Invoice", "Ledger", "Meter", "Rocket",
         "Farm", "Team", "Bucket", "Library", "Store", "Engine", "Tower", "Basket", "Parcel", "Crate", "Lamp",
         "Drone", "Kiosk", "Cabin", "Market"]
ENUMS = ["Kind", "Mode", "Tier", "Season", "Fruit", "Action", "Grade", "Material", "Phase", "Signal", "Category",
         "Flavor", "Weather", "Rating", "Stage", "Token", "Piece", "Suit"]
VARIANTS = ["Small", "Medium", "Large", "Low", "High", "Idle", "Running", "Stopped", "Red", "Green", "Blue",
            "Open", "Closed", "Pending", "Done", "Apple", "Pear", "Plum", "Walk", "Swim", "Fly", "Gold", "Silver",
            "Bronze", "Spring", "Summer", "Autumn", "Winter", "Fast", "Slow", "Hot", "Cold", "Wood", "Stone", "Iron",
            "Glass", "Basic", "Extra", "Rare", "Common"]
TRAITS = ["Describe", "Measure", "Scored", "Priced", "Weighted", "Named", "Sized", "Valued", "Rated", "Counted",
          "Summary", "Area"]
MODS = ["shop", "geometry", "bank", "config", "stats", "garden", "school", "farm", "kitchen", "fleet", "parking",
        "weather", "market", "office", "harbor", "studio", "clinic", "museum", "station", "arcade"]
CONSTS = ["MAX_ITEMS", "LIMIT", "CAPACITY", "MAX_LEN", "THRESHOLD", "BATCH_SIZE", "MAX_COUNT", "WINDOW",
          "TOP_N", "KEEP", "QUOTA", "CUTOFF", "MIN_SCORE", "PASS_MARK", "BASE_RATE", "STEP"]
VARIED = ["ant", "bee", "cat", "oak", "sun", "fig", "kiwi", "pear", "plum", "lime", "wolf", "apple", "river",
          "stone", "banana", "cherry", "orange", "pepper", "walnut", "melon", "lemonade", "elephant"]
BOOLS = ["active", "ready", "open", "valid", "busy", "visible", "enabled", "alive", "done", "full", "locked",
         "paid", "online", "urgent"]
WORDS = ["apple", "river", "stone", "cloud", "maple", "tiger", "lemon", "piano", "ocean", "amber", "delta", "ember",
         "frost", "grape", "honey", "ivory", "jelly", "koala", "lilac", "mango", "north", "olive", "pearl", "quill",
         "robin", "sugar", "tulip", "umbra", "vivid", "whale", "cedar", "bison"]


LOOPVARS = ["x", "v", "e", "val", "elem", "el", "entry", "each"]
CHARVARS = ["c", "ch", "letter", "symbol", "glyph"]
WORDVARS = ["w", "word", "part", "piece", "chunk", "token"]
UNSIGNED = ["u32", "u64", "usize", "u16"]
SIGNED = ["i32", "i64", "isize", "i16"]
COUNTS = ["usize", "u32", "u64"]


class CoreNames(Names):
    """The names of one core koan, never a RESERVED one, with the core family's own kinds:
    short loop variables, misspellings and misnamed methods."""

    def __init__(self, rng: random.Random):
        super().__init__(rng, reserved=RESERVED)

    def fresh(self, pool: list[str]) -> str:
        """A name from a pool of short local names (loop variables): only unused ones."""
        return self.one(pool, allow_reserved=True)

    def typo(self, name: str) -> str:
        """A plausible misspelling of `name` that names nothing else in the koan."""
        cands = [name[:i] + name[i + 1:] for i in range(1, len(name))]
        cands += [name[:i] + name[i + 1] + name[i] + name[i + 2:] for i in range(1, len(name) - 1)
                  if name[i] != name[i + 1] and name[i].isalpha() and name[i + 1].isalpha()]
        cands.append(name[:-1] if name.endswith(("s", "S")) else name + ("S" if name.isupper() else "s"))
        return self.one([c for c in dict.fromkeys(cands)
                         if c != name and len(c) > 2 and not c.endswith("_") and not c.startswith("_") and "__" not in c])

    def misname(self, name: str) -> str:
        """A wrong name for the method `name`: a typo of it, or a get_/calc_/_value form."""
        pick = self.rng.choice([self.typo(name), "get_" + name, "calc_" + name, name + "_value"])
        self.mark(pick)
        return pick


def quoted(words) -> str:
    return ", ".join(f'"{w}"' for w in words)


def rust_vec(values) -> str:
    return ", ".join(str(v) for v in values)


def rust_float(x: float) -> str:
    return repr(float(x))

