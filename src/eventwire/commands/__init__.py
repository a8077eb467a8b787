"""Commands beyond `code`, `kb` and `eval`, one module each, registered in ``cli.py``.

Each module defines click commands that stay thin: they parse options and call the
library (store, api, distributed), so every command is usable from Python too.
"""
