"""Renderers: advice and paragraphs as text, rich terminal output, JSON and Markdown.

They only present values the engine made; none of them decides anything.
"""
