"""Synthetic (request, gold plan) data for training a tiny planner from scratch.

A tiny model learns only what its data shows it, so the generator aims at breadth:
35 intent families (every one of the 16 tools alone; chains such as file ->
summarize_pdf -> email, reply or note, zoom -> calendar event -> email, note -> SMS;
requests no tool serves) and their combinations (several intents in one request), ten
phrasing style families (two only in test), a voice per request (lowercase, dictation
without punctuation, typos, fillers, asides that ask for nothing), hundreds of names
from many regions plus names built from syllables, and dates phrased relative to a
varying "now".

Run ``python -m training.dataset.generate --help``. Modules, by job:

- ``generate``: the command line, splits, statistics.
- ``compose``: one example: family -> template -> slots -> plan -> typed request.
- ``families``: what each intent means as a plan (the planning conventions).
- ``slots``: values for a template's slots; ``voice``: how the request is typed.
- ``dates`` / ``when``: date phrases and what they mean (the table the runtime's
  ``core/dates.py`` agrees with) / which phrases to draw.
- ``phrasing_*``, ``fragments``: the templates; ``names``, ``lexicon``, ``smalltalk``:
  the vocabulary banks.
- ``split``: what the test split holds out and why (read its docstring).
- ``tagging``: tags describing what an example exercises.
- ``paraphrase``: optional rewording through an OpenAI-compatible server.

Conventions the gold plans follow (beyond ``shared/spec/plan-language.md``):

- Contacts are looked up first, in the order named (addresses and numbers given in the
  request are used as they are); then files; then what consumes them. In a multi-intent
  request each intent's actions follow the previous intent's.
- Names, places, files, note titles, folders, lists and calendars are copied from the
  request verbatim (a place drops a leading "the"). Subjects, event and Zoom titles and
  reminder names are the request's words with a leading article or "my" dropped and the
  first letter capitalized ("the budget review" -> "Budget review"); a file's subject
  drops its extension; a summary note without a name is named after the file (a span of the request).
- Email ``context`` is the user's message with a capital first letter, or the ``$N``
  material (summary, zoom link, map URL, note), else ""; SMS text likewise.
- ``priority`` 1 for important/urgent/high, 5 medium, 9 low, else 0; transport "d"
  unless walking ("w") or public transport ("r") is said; ``start_location`` "" unless
  a start is named; folder / list "" and calendar None unless named.
- A meeting lasts 60 minutes unless a duration or range is given; reminders with a day
  and no time are all-day ('YYYY-MM-DD'), with no date at all their due date is "".
- A request no tool can serve is planned as ``1. join()<END_OF_PLAN>``; no plan has
  ``Thought:`` lines.
"""
