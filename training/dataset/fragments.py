"""Optional and variant phrases that templates share: "{cc?}", "{mode?}", "{mycal}".

An entry is a text (which may hold slots) or ``(text, values)`` where ``values`` is what
the wording itself means for the plan ("on foot" -> ``{"mode": "w"}``). A placeholder
``{x?}`` appears with probability ``OPTIONAL_RATE[x]``; ``{x}`` with a fragment name
always picks one variant. An optional placeholder without a fragment is " {x}".
"""

from __future__ import annotations

from typing import Any

Entry = str | tuple[str, dict[str, Any]]

FRAGMENTS: dict[str, list[Entry]] = {
    # email
    "msg": [
        " saying {say}",
        " and say {say}",
        " to tell them {say}",
        " and tell them {say}",
        ": {say}",
        ", tell them {say}",
        " letting them know {say}",
        " saying that {say}",
        " — {say}",
        " and tell her {say}",
        ", tell him {say}",
    ],
    "cc": [
        " and cc {ccs}",
        ", cc {ccs}",
        " with {ccs} in cc",
        " and copy {ccs}",
        " (cc {ccs})",
        ", copying {ccs}",
        " and put {ccs} on cc",
        " cc'ing {ccs}",
    ],
    "att": [
        " and attach the {file}",
        " with the {file} attached",
        ", attach {file}",
        " and include the {file}",
        " with {file} as an attachment",
        " and add the {file} as attachment",
        ", attaching the {file}",
        " along with my {file}",
        " with my {file} attached",
        " along with the {file}",
        " and attach the {file} and the {otherfile}",
        " with my {file} and {otherfile} attached",
        ", attaching {file} and {otherfile}",
    ],
    "attself": [
        (" and attach the file", {"attach": True}),
        (" with the PDF attached", {"attach": True}),
        (" and include the document", {"attach": True}),
        (", attach the original too", {"attach": True}),
    ],
    "fnote": [
        " with the note {fn}",
        " and say {fn}",
        ", saying {fn}",
        " and add {fn}",
        " with a quick {fn}",
        ": {fn}",
    ],
    "saying": [" saying {say}", ", say {say}", " and tell them {say}", ": {say}", " with the message {say}"],
    # calendar and zoom
    "dur": [" for {span}", " for {span}", ", {span} long", " lasting {span}"],
    "zdur": [" for {span}", ", {span}", " ({span})", " lasting {span}"],
    "loc": [" at {venue}", " in {venue}", ", location {venue}", " at {venue}", " — location: {venue}"],
    "with": [
        " with {guests}",
        " and invite {guests}",
        ", invite {guests}",
        " with {guests} invited",
        " including {guests}",
    ],
    "enote": [
        " with the note {ntext}",
        " and add a note saying {ntext}",
        ", notes: {ntext}",
        " and put {ntext} in the notes",
    ],
    "cal": [
        " on my {calname} calendar",
        " in the {calname} calendar",
        " to my {calname} calendar",
        " on the {calname} calendar",
    ],
    "mycal": [
        "my calendar",
        "my calendar",
        "my calendar",
        "the calendar",
        "my cal",
        "my {calname} calendar",
        "the {calname} calendar",
    ],
    # notes
    "folder": [
        " in my {fold} folder",
        " in the {fold} folder",
        " under {fold}",
        " in {fold}",
        " inside the {fold} folder",
        " in the folder {fold}",
    ],
    "content": [
        " with {ctext}",
        " saying {ctext}",
        ": {ctext}",
        " that says {ctext}",
        " containing {ctext}",
        " and write {ctext}",
    ],
    "named": [" called {title}", " titled {title}", " named {title}"],
    # reminders
    "list": [
        " on my {lst} list",
        " in {lst}",
        " to the {lst} list",
        " in my {lst} reminders",
        " under {lst}",
        " in the {lst} list",
        ", put it on {lst}",
        ", {lst} list",
    ],
    "mylist": ["my reminders", "my reminders", "my reminders", "my {lst} list", "the {lst} list"],
    "prio": [
        (", it's important", {"priority": 1}),
        (" - urgent", {"priority": 1}),
        (", high priority", {"priority": 1}),
        (" (urgent)", {"priority": 1}),
        (", mark it as important", {"priority": 1}),
        (", this is important", {"priority": 1}),
        (", medium priority", {"priority": 5}),
        (" with medium priority", {"priority": 5}),
        (", low priority", {"priority": 9}),
        (" as low priority", {"priority": 9}),
    ],
    "rnote": [" with the note {ntext}", ", note: {ntext}", " and add the note {ntext}"],
    # maps
    "from": [
        " from {origin}",
        " from {origin}",
        (" from here", {"origin": ""}),
        (" from my location", {"origin": ""}),
        (" from where I am", {"origin": ""}),
        (" from my current location", {"origin": ""}),
        " starting at {origin}",
        " leaving from {origin}",
    ],
    "mode": [
        (" on foot", {"mode": "w"}),
        (" walking", {"mode": "w"}),
        (" by foot", {"mode": "w"}),
        (" by train", {"mode": "r"}),
        (" by bus", {"mode": "r"}),
        (" using public transport", {"mode": "r"}),
        (" on the subway", {"mode": "r"}),
        (" by transit", {"mode": "r"}),
        (" on public transit", {"mode": "r"}),
        (" by car", {"mode": "d"}),
        (" driving", {"mode": "d"}),
        (" by metro", {"mode": "r"}),
        (" on the metro", {"mode": "r"}),
        (" on the tube", {"mode": "r"}),
        (" by subway", {"mode": "r"}),
    ],
}

OPTIONAL_RATE: dict[str, float] = {
    "msg": 0.6,
    "cc": 0.2,
    "att": 0.2,
    "attself": 0.3,
    "fnote": 0.45,
    "saying": 0.5,
    "dur": 0.3,
    "zdur": 0.3,
    "loc": 0.35,
    "with": 0.45,
    "enote": 0.2,
    "cal": 0.15,
    "folder": 0.4,
    "content": 0.6,
    "named": 0.5,
    "list": 0.25,
    "prio": 0.25,
    "rnote": 0.2,
    "from": 0.4,
    "mode": 0.55,
    "when": 0.75,
}
