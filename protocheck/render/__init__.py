"""Renderers: advice and paragraphs as text, rich terminal output, JSON and Markdown.

They only present values the engine made; none of them decides anything.
"""


class Json(str):
    """JSON text. Where the output cannot encode a character it is written as a \\u escape
    (the same JSON value), never degraded: a degraded quote mark would break the JSON."""
