"""Koans and the plugin host: the koan schema (koan), the plugin surface (hookspecs) and
its manager (plugins), the jinja2 template generator (templating), the helpers families
share (family registers a task table, names draws identifiers), and generation of koans
verified by rustc (generate).

May import share.io and share.judge (to verify each koan as answers are judged); never
the model, the Share algorithm or the cycle. Plugins import share.koans.hookspecs,
share.koans.templating, share.koans.family and share.koans.names."""
