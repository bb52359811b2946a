"""Parameter samplers for the rust2024 family: identifiers, values and shapes drawn from
pools with the generator's seeded rng (never global random state). The pools and shared
helpers are in `pools`; one module per group of tasks: control, options and lints."""
