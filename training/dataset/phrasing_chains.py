"""Templates for chained requests (one tool's output feeds another), for requests no
tool can serve, and the connectors that join several intents in one request.

``chain_summary_sms`` is a held-out family (see ``split``): only test uses it, so it
has templates in the test styles only.
"""

from __future__ import annotations

from training.dataset.fragments import Entry

CHAINS: dict[str, dict[str, list[Entry]]] = {
    "chain_summary_email": {
        "imperative": [
            "Summarize the {file} and email it to {who}{attself?}",
            "Email {who} a summary of the {file}{attself?}",
            "Send {who} a summary of {file}{attself?}",
        ],
        "polite": [
            "Could you summarize the {file} and send the summary to {who}{attself?}?",
            "Please email {who} a summary of the {file}",
        ],
        "casual": ["boil down the {file} and shoot it to {who}{attself?}", "send {who} the gist of {file}"],
        "terse": ["summarize {file}, email to {who}{attself?}", "summary of {file} to {who} by email"],
        "first_person": [
            "I want {who} to get a summary of the {file} by email{attself?}",
            "I need to email {who} a summary of {file}",
        ],
        "spoken": [
            "um summarize the {file} and email it to {who}",
            "okay so summarize {file} and send it to {who} by email{attself?}",
        ],
        "reordered": [
            "The {file}: summarize it and email the summary to {who}{attself?}",
            "To {who}, by email, a summary of the {file}",
        ],
        "narrative": ["{who} won't read the whole {file}. Summarize it and email them the summary{attself?}"],
    },
    "chain_summary_note": {
        "imperative": [
            "Summarize the {file} and save it as a note{named?}{folder?}",
            "Make a note{named?} with a summary of the {file}{folder?}",
            "Summarize {file} into a new note{named?}{folder?}",
        ],
        "polite": [
            "Could you summarize the {file} and save the summary in a note{named?}{folder?}?",
            "Please put a summary of {file} in a note{named?}{folder?}",
        ],
        "casual": [
            "boil down the {file} into a note{named?}{folder?}",
            "grab the gist of {file} and stash it in a note{named?}",
        ],
        "terse": ["summarize {file} -> note{named?}{folder?}", "note with summary of {file}{folder?}"],
        "first_person": [
            "I want a summary of the {file} saved as a note{named?}{folder?}",
            "I need the {file} summarized in a note{named?}",
        ],
        "spoken": [
            "um summarize the {file} and make it a note{named?}",
            "okay so save a summary of {file} as a note{folder?}",
        ],
        "reordered": [
            "The {file} — summarize it into a note{named?}{folder?}",
            "Into a note{named?}{folder?}: a summary of {file}",
        ],
        "narrative": [
            "I won't have time to reread the {file} later. Summarize it into a note{named?}{folder?}"
        ],
    },
    "chain_summary_sms": {
        "reordered": [
            "The {file} — summarize it and text the summary to {who}",
            "To {who}, by text: a summary of {file}",
        ],
        "narrative": ["I can't send {who} the whole {file} by text. Summarize it and text them the summary"],
    },
    "chain_zoom_calendar": {
        "imperative": [
            "Set up a zoom meeting about {topic} {when}{with?}{zdur?} and put it on {mycal}",
            "Create a Zoom call on {topic} {when}{zdur?}{with?} and add it to {mycal}",
            "Schedule a zoom about {topic} {when}{with?} and add the event to {mycal}",
        ],
        "polite": [
            "Could you create a zoom meeting about {topic} {when}{with?} and put it in {mycal}?",
            "Please set up a Zoom on {topic} {when}{zdur?}{with?} and add it to {mycal}",
        ],
        "casual": [
            "spin up a zoom for {topic} {when}{with?} and stick it on {mycal}",
            "get a zoom link for {topic} {when}{zdur?} and throw it on {mycal}",
        ],
        "terse": [
            "zoom {topic} {when}{with?}{zdur?} + calendar",
            "zoom mtg {topic} {when}{with?}, add to {mycal}",
        ],
        "first_person": [
            "I need a zoom meeting about {topic} {when}{with?} on {mycal}",
            "I want a Zoom call on {topic} {when}{zdur?}{with?} and a calendar event for it",
        ],
        "spoken": [
            "um set up a zoom about {topic} {when}{with?} and put it on {mycal}",
            "okay make a zoom for {topic} {when} and add it to {mycal}",
        ],
        "reordered": [
            "{When}, a zoom about {topic}{with?}{zdur?} — create it and add it to {mycal}",
            "On {mycal}, put a new Zoom meeting about {topic} {when}{with?}",
        ],
        "narrative": [
            "Half the team is remote for {topic}. Create a zoom {when}{with?}{zdur?} and put it on {mycal}"
        ],
    },
    "chain_zoom_invite": {
        "imperative": [
            "Set up a zoom about {topic} with {who} {when}{zdur?}, put it on {mycal} and email them the link",
            "Create a Zoom meeting on {topic} {when} with {who}, add it to {mycal} and send them the link",
        ],
        "polite": [
            "Could you make a zoom on {topic} with {who} {when}, add it to {mycal} and email them the link?"
        ],
        "casual": [
            "spin up a zoom for {topic} with {who} {when}, stick it on {mycal} and shoot them the link"
        ],
        "terse": ["zoom {topic} w/ {who} {when}{zdur?} + calendar + email link"],
        "first_person": [
            "I need a zoom with {who} about {topic} {when} on {mycal}, and they should get the link by email"
        ],
        "spoken": [
            "um make a zoom about {topic} with {who} {when} put it on {mycal} and email them the link"
        ],
        "reordered": [
            "{When}, a zoom on {topic} with {who}{zdur?}: add it to {mycal} and email them the link"
        ],
        "narrative": [
            "I'm meeting {who} about {topic} but we're in different cities. Set up a zoom {when}, "
            "add it to {mycal} and email them the link"
        ],
    },
    "chain_zoom_email": {
        "imperative": [
            "Create a zoom meeting about {topic} {when}{zdur?} and email the link to {who}",
            "Set up a Zoom call on {topic} with {who} {when} and send them the link",
            "Make a zoom link for {topic} {when}{zdur?} and email it to {who}",
        ],
        "polite": [
            "Could you set up a zoom about {topic} {when} and email {who} the link?",
            "Please create a Zoom on {topic} {when}{zdur?} and send the link to {who}",
        ],
        "casual": [
            "spin up a zoom for {topic} {when} and shoot the link to {who}",
            "get a zoom going on {topic} {when}{zdur?} and ping {who} the link by email",
        ],
        "terse": [
            "zoom {topic} {when}{zdur?}, email link to {who}",
            "zoom re {topic} {when}, send link to {who}",
        ],
        "first_person": [
            "I need a zoom meeting about {topic} {when} and {who} should get the link by email",
            "I want to send {who} a zoom link for {topic} {when}{zdur?}",
        ],
        "spoken": [
            "um make a zoom for {topic} {when} and email {who} the link",
            "okay so create a zoom on {topic} {when} and send the link to {who}",
        ],
        "reordered": [
            "{When}, a zoom on {topic}{zdur?} — email the link to {who}",
            "For {who}: a Zoom link for {topic} {when}, sent by email",
        ],
        "narrative": [
            "{who} can't come to the office for {topic}. Set up a zoom {when}{zdur?} and email them the link"
        ],
    },
    "chain_place_sms": {
        "imperative": [
            "Text {who} the location of {place}",
            "Send {who} a map of {place} by text",
            "Text {who} where {place} is",
        ],
        "polite": [
            "Could you text {who} the location of {place}?",
            "Please send {who} the map link for {place}",
        ],
        "casual": ["shoot {who} a pin for {place}", "text {who} a map link to {place}"],
        "terse": ["sms {who} location {place}", "text map of {place} to {who}"],
        "first_person": [
            "I want to text {who} where {place} is",
            "I need to send {who} the location of {place}",
        ],
        "spoken": ["um text {who} where {place} is", "okay send {who} the location of {place} by text"],
        "reordered": ["The location of {place} — text it to {who}", "To {who}, by text: where {place} is"],
        "narrative": ["I'm meeting {who} at {place} and they've never been there. Text them the location"],
    },
    "chain_place_email": {
        "imperative": [
            "Email {who} the location of {place}",
            "Send {who} a map of {place} by email",
            "Email {who} where {place} is",
        ],
        "polite": [
            "Could you email {who} the location of {place}?",
            "Please email the map of {place} to {who}",
        ],
        "casual": ["shoot {who} an email with a pin for {place}", "email {who} a map link to {place}"],
        "terse": ["email {who} location {place}", "email map of {place} to {who}"],
        "first_person": [
            "I want to email {who} the location of {place}",
            "I need {who} to get a map of {place} by email",
        ],
        "spoken": ["um email {who} where {place} is", "okay send {who} the location of {place} by email"],
        "reordered": ["The location of {place} — email it to {who}", "To {who}, by email: a map of {place}"],
        "narrative": [
            "I invited {who} to {place} next week and they don't know the area. Email them the location"
        ],
    },
    "chain_directions_sms": {
        "imperative": [
            "Text {who} directions to {dest}{from?}{mode?}",
            "Send {who} the route to {dest}{from?}{mode?}",
            ("Text {who} walking directions to {dest}{from?}", {"mode": "w"}),
        ],
        "polite": [
            "Could you text {who} directions to {dest}{from?}{mode?}?",
            ("Please send {who} transit directions to {dest}{from?}", {"mode": "r"}),
        ],
        "casual": [
            "shoot {who} directions to {dest}{from?}{mode?}",
            "text {who} how to get to {dest}{from?}{mode?}",
        ],
        "terse": [
            "sms {who} route to {dest}{from?}{mode?}",
            "directions to {dest}{from?}{mode?} -> text {who}",
        ],
        "first_person": ["I want to text {who} directions to {dest}{from?}{mode?}"],
        "spoken": ["um text {who} how to get to {dest}{from?}{mode?}"],
        "reordered": [
            "Directions to {dest}{from?}{mode?} — text them to {who}",
            ("On foot to {dest}{from?}: text {who} the route", {"mode": "w"}),
        ],
        "narrative": [
            "I invited {who} over and they always get lost. Text them directions to {dest}{from?}{mode?}"
        ],
    },
    "chain_note_email": {
        "imperative": [
            "Email my {title} note to {who}{folder?}",
            "Email {who} the {title} note{folder?}",
            "Send {who} my note {title} by email",
        ],
        "polite": [
            "Could you email the {title} note to {who}?",
            "Please send my {title} note to {who} by email",
        ],
        "casual": ["shoot {who} my {title} note by email", "email {who} what's in my {title} note"],
        "terse": ["email note {title} to {who}", "note {title}{folder?} -> email {who}"],
        "first_person": [
            "I want to email {who} my {title} note{folder?}",
            "I need {who} to get my {title} note by email",
        ],
        "spoken": ["um email the {title} note to {who}", "okay send {who} my {title} note by email"],
        "reordered": ["My {title} note{folder?} — email it to {who}", "To {who}, by email: the {title} note"],
        "narrative": ["{who} asked what I wrote down. Email them my {title} note{folder?}"],
    },
    "chain_file_email": {
        "imperative": [
            "Send {who} the {file}{saying?}",
            "Email the {file} to {who}{saying?}",
            "Email {who} the {file} as an attachment{saying?}",
        ],
        "polite": ["Could you email the {file} to {who}{saying?}?", "Please send {who} the {file} by email"],
        "casual": ["shoot {who} the {file}{saying?}", "fire the {file} over to {who}"],
        "terse": ["email {file} to {who}{saying?}", "send {file} -> {who}"],
        "first_person": ["I want to send {who} the {file}{saying?}", "I need to email the {file} to {who}"],
        "spoken": ["um email {who} the {file}{saying?}", "okay send the {file} to {who} by email"],
        "reordered": ["The {file} — email it to {who}{saying?}", "To {who}: the {file}, by email{saying?}"],
        "narrative": ["I promised {who} the {file} before the meeting. Email it to them{saying?}"],
    },
    "no_tool_knowledge": {
        "imperative": ["{Q}", "Tell me {q}"],
        "polite": ["Could you tell me {q}?", "Do you know {q}?"],
        "casual": ["quick q: {q}", "yo {q}"],
        "terse": ["{q}", "{q}?"],
        "first_person": ["I was wondering {q}", "I want to know {q}"],
        "spoken": ["um {q}", "so like {q}"],
        "reordered": ["Just curious — {q}?", "Out of interest, {q}?"],
        "narrative": ["My kid asked me and I don't know: {q}?", "We're arguing about this at dinner. {Q}?"],
    },
    "no_tool_chit_chat": {
        "imperative": ["{Chat}"],
        "polite": ["{Chat}"],
        "casual": ["{chat}"],
        "terse": ["{chat}"],
        "first_person": ["{Chat}"],
        "spoken": ["um {chat}"],
        "reordered": ["{Chat}, assistant"],
        "narrative": ["Long day. {Chat}"],
    },
    "no_tool_impossible": {
        "imperative": ["{Act}"],
        "polite": ["Could you {act}?", "Please {act}"],
        "casual": ["go ahead and {act}"],
        "terse": ["{act}"],
        "first_person": ["I want you to {act}", "I need you to {act}"],
        "spoken": ["um {act}"],
        "reordered": ["{Act}, if you can", "If possible: {act}"],
        "narrative": ["I'm about to head out. {Act}", "Everyone is arriving in ten minutes. {Act}"],
    },
}

# How several requests are joined into one; the test split uses its own connectors.
CONNECTORS = {
    "train": [
        " and ",
        ", and ",
        " and also ",
        ". Also, ",
        ", then ",
        ". Then ",
        "; ",
        " plus ",
        " & ",
        ", also ",
    ],
    "test": [". Oh, and ", ", and after that ", ". Besides that, ", ". One more thing: "],
}
