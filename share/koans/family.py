"""What every template family's package (plugins/<family>/) shares: its task table
registered through the `register_tasks` hook. Only plugins import this module."""

from pathlib import Path

from share.koans.templating import template_generator


def register_templates(register, family: str, tasks: dict, templates: Path, edition: str = "2021") -> None:
    """Register each task of `tasks` ({name: (description, sample, ...)}) with a template
    generator over the folder templates/<name>, for `register_tasks(register)`."""
    for name, (description, sample, *_) in tasks.items():
        register(name, family, description, edition, template_generator(templates / name, sample))
