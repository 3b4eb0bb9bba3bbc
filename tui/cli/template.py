"""The revision `propdiff new` writes: every field, each explained, valid as it stands.

A person starting a file from a leak or a press report should not need the
README open: the comments say what each key means, which are optional, and
what values are allowed. A test checks that the template validates.
"""

TEMPLATE = """\
# A proposal revision for propdiff (format proposal/1). Check it with: propdiff validate FILE
# Keys marked "optional" can be deleted. Text in any language; quote a text that holds ": ".
format: proposal/1              # required; the only known version
proposal: my-proposal           # required; the series id (a slug: a-z, 0-9, -); the same in every revision
title: Title of the proposal    # optional; the newest revision's title wins
revision:
  id: draft-1                   # required; unique in the series (a slug)
  label: First draft            # optional; shown instead of the id
  date: 2025-01-31              # optional; ISO date YYYY-MM-DD
  # previous: draft-0           # optional; id of the revision this one revises
  status: draft                 # optional; draft | proposed | agreed | rejected | superseded
  authors: [a]                  # optional; ids of parties below
  source: Where this text comes from (a URL or a description)   # optional
  partial: false                # optional; true when only some points are known (e.g. a leak)
parties:                        # optional; merged by id over the whole series
  - id: a                       # a slug used in authors, reactions and preconditions
    name: Party A
  - id: b
    name: Party B
points:                         # required; one entry per numbered point
  - id: first-point             # optional; the same id in two revisions IS the same point
    number: "1"                 # optional; as printed: 1, "1a", "IV.3"
    title: First point          # optional
    text: >-                    # required; the point's text (">-" folds the lines into one)
      The text of the first point, as written in the document or reported.
    topics: [example]           # optional; free tags
    # excerpt: true             # optional; true when the text is only the reported part of the point
    # certainty: medium         # optional; high | medium | low: how firmly the sources establish it
  - number: "2"
    text: The text of the second point.
reactions:                      # optional; what a party said about this revision
  - party: b                    # required; a party id declared above (or elsewhere in the series)
    stance: conditional         # required; support | conditional | oppose | mixed | neutral | unclear
    points: ["1"]               # optional; ids or numbers of points of this revision; none = the whole text
    summary: What the party said, in a few words   # required
    # quote: "Exact words as reported"           # optional
    # speaker: Who said it                        # optional
    # date: 2025-02-01                            # optional
    # source: Where it was reported               # optional
    # certainty: medium                           # optional; as for points
preconditions:                  # optional; what a party demands before it agrees
  - party: b                    # required
    text: What must happen first   # required
    for: signing                # optional; what the condition is for
    points: [first-point]       # optional; as in reactions
    status: open                # optional; open | met | dropped
# dropped:                      # optional; needs revision.previous: points of the previous revision
#   - point: "3"                #   reported as removed (required: its id or number)
#     source: Who reported it   #   optional
#     note: What was said       #   optional
"""
