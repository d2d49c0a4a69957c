"""The plugin's options for MkDocs, made from their one declaration (:mod:`process_manual.build.options`)."""

from __future__ import annotations

import dataclasses
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import BaseConfigOption, Config

from process_manual.build.options import PluginOptions, optional, value_type


def _config_option(option: dataclasses.Field[Any]) -> BaseConfigOption[Any]:
    kind, default = value_type(option), getattr(PluginOptions(), option.name)
    if kind is tuple:
        return opt.ListOfItems(opt.Type(str), default=list(default))
    if optional(option):
        return opt.Optional(opt.Type(kind))
    return opt.Type(kind, default=default)


# A class made from the declaration: MkDocs validates mkdocs.yml against its attributes.
ProcessManualConfig: type[Config] = type(
    "ProcessManualConfig",
    (Config,),
    {
        "__doc__": "Options of the `process-manual` MkDocs plugin (see build/options.py).",
        "__module__": __name__,
        **{option.name: _config_option(option) for option in PluginOptions.fields()},
    },
)


def plugin_options(config: Config) -> PluginOptions:
    """MkDocs' validated options as the typed options every stage below reads."""
    return PluginOptions.from_mapping({option.name: config[option.name] for option in PluginOptions.fields()})
