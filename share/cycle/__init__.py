"""The cycle: its params and protocol (params), the folders its stages share (paths), the
base model it starts from (base), the naive baselines (baselines), which model answers
which koans (methods), a model or a method measured on koans (measure), the statistics
(metrics), the success criteria (criteria) and the report with its figures (report,
figures).

May import every other package; the stages (stages/) and benchmarks import it."""
