"""The example handbooks build with `--strict` on a machine without any network.

mkdocs-mermaid2 checks its default Mermaid URL with `requests.get` and no timeout: offline that
check fails the strict build, and on a network that drops packets it hangs (ARCHITECTURE.md, "Measured facts"). The
handbooks avoid it by serving Mermaid themselves. The shared builds every test reads (tests/shared_sites.py)
run with the network cut off (`unshare -n`, a new, empty network namespace): this test asserts they did and
that they wrote the site.
"""

from __future__ import annotations

import pytest
from offline import skip_without_network_namespace
from shared_sites import EXAMPLES, built_example


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_strict_build_without_network(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    built = built_example(name, tmp_path_factory)
    if not built.offline:
        skip_without_network_namespace()
    site = built.site_dir
    assert (site / "index.html").is_file()
    assert (site / "assets" / "javascripts" / "mermaid.min.js").is_file()
    assert any((site / "processes").glob("*/index.html")), "no process page was built"
