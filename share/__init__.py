"""koanshare: teach a code LM new Rust skills task by task with Share."""

__version__ = "0.1.0"
