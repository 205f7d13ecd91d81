"""Policy drafts checked before a committee sees them (`protocheck check`).

A draft is a Markdown or plain-text document, numbered as the protocols are. `document` reads
it within bounds (`markdown` through markdown-it-py with its line maps, plain text through the
importer's parser) into numbered paragraphs that know their lines; then each check adds
findings: `references` (cross-references that do not resolve), `numbering` (duplicates, gaps,
order, parents), `impact` (what the draft changes against the council's current rules, and
whose advice rests on it), `guards` (safeguards dropped or contradicted), `themes` (catalogue
themes a complete protocol addresses and the draft does not). `suppress` applies the draft's
own suppression comments; `check` runs it all. Pure: no terminal; renderers in render/check.
"""
