"""Templates for chained requests (one tool's output feeds another), for requests no
tool can serve, and the connectors that join several intents in one request.

Every family has templates in every style: the test styles are held out, the families are not
(the held-out families in ``split`` are pairs of intents, which the clause splitter plans).
"""

from __future__ import annotations

from training.dataset.fragments import Entry

CHAINS: dict[str, dict[str, list[Entry]]] = {
    "chain_summary_email": {
        "imperative": [
            "Summarize the {file} and email it to {who}{attself?}",
            "Email {who} a summary of the {file}{attself?}",
            "Send {who} a summary of {file}{attself?}",
            "Send the key points of the {file} over to {who}{attself?}",
        ],
        "polite": [
            "Could you summarize the {file} and send the summary to {who}{attself?}?",
            "Please email {who} a summary of the {file}",
            "Would you mind summarising the {file} and emailing that summary to {who}{attself?}?",
        ],
        "casual": [
            "boil down the {file} and shoot it to {who}{attself?}",
            "send {who} the gist of {file}",
            "sum up {file} and mail it to {who}{attself?}",
            "tl;dr the {file} for {who} and email it over",
        ],
        "terse": [
            "summarize {file}, email to {who}{attself?}",
            "summary of {file} to {who} by email",
            "tl;dr of the {file} to {who}{attself?}",
            "gist of {file} -> email {who}",
        ],
        "first_person": [
            "I want {who} to get a summary of the {file} by email{attself?}",
            "I need to email {who} a summary of {file}",
            "I'd like to get {who} a rundown of the {file} by email{attself?}",
        ],
        "spoken": [
            "um summarize the {file} and email it to {who}",
            "okay so summarize {file} and send it to {who} by email{attself?}",
            "um can you do a quick summary of the {file} and mail that to {who}",
        ],
        "reordered": [
            "The {file}: summarize it and email the summary to {who}{attself?}",
            "To {who}, by email, a summary of the {file}",
        ],
        "narrative": ["{who} won't read the whole {file}. Summarize it and email them the summary{attself?}"],
        "fronted": [
            "As for the {file}, email {who} a short summary{attself?}",
            "{who} should get the gist of the {file} — summarize it and send it by email{attself?}",
            "Regarding {file}, I'd like a summary emailed over to {who}{attself?}",
            "Whatever's in the {file}, boil it down and email {who} the short version{attself?}",
            "A short summary of the {file} is what I'd like sent to {who} by email{attself?}",
            "For {who}, who missed the briefing: boil the {file} down and mail it over{attself?}",
            "The {file} — just the highlights for {who}, by email{attself?}",
        ],
        "context": [
            "Team's waiting on this. Summarize the {file} and mail it to {who}{attself?}",
            "I'm short on time. Summarize the {file} and email the summary to {who}{attself?}",
            "Nobody has time for the full thing. Email {who} a summary of the {file}{attself?}",
            "Got a request for the key points. Send {who} a summary of {file} by email{attself?}",
            "I'm stuck in back-to-back meetings all afternoon, so please condense the {file} into a short "
            "summary and email it to {who}{attself?}",
            "Email {who} a brief summary of the {file}{attself?}; it runs to dozens of pages and they're "
            "snowed under",
            "{who} asked for the main points before Monday's board meeting. Condense the {file} and get "
            "that into an email to them{attself?}",
            "{who} joined the project late and could use catching up, so email them the key points of the "
            "{file}{attself?}",
            "The deadline's five o'clock. Email {who} a short summary of the {file}{attself?}",
            "{who} asked what the {file} actually says so sum it up and email them{attself?}",
            "{who} just got back from leave. Help them catch up by emailing the key points of the "
            "{file}{attself?}",
        ],
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
            "can u sum up the {file} n save it as a note{named?}{folder?}",
            "tl;dr the {file} into a note{named?}",
        ],
        "terse": [
            "summarize {file} -> note{named?}{folder?}",
            "note with summary of {file}{folder?}",
            "gist of the {file} -> note{named?}{folder?}",
        ],
        "first_person": [
            "I want a summary of the {file} saved as a note{named?}{folder?}",
            "I need the {file} summarized in a note{named?}",
            "I'd like the {file} condensed into a note{named?}{folder?}",
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
        "fronted": [
            "As for the {file}, put a summary in a note{named?}{folder?}",
            "Regarding {file}: I'd like the main points saved as a note{named?}{folder?}",
            "The key points of the {file} should go in a new note{named?}{folder?}",
            "Whatever's in the {file}, condense it into a note{named?}{folder?}",
            "Just the highlights of the {file}, please, saved to a note{named?}{folder?}",
        ],
        "context": [
            "I want to remember the main points. Summarize the {file} and save it as a note{named?}{folder?}",
            "Studying for an exam. Put a summary of {file} in a note{named?}{folder?}",
            "Keeping track of everything. Make a note{named?} with a summary of the {file}{folder?}",
            "Too much to take in at once. Summarize {file} into a note{named?}{folder?}",
            "I'm sorting out the paperwork for the house move, so put the main points of the {file} in a "
            "note{named?}{folder?}",
            "My memory's hopeless these days. Write up a summary of the {file} as a new "
            "note{named?}{folder?}",
            "My supervisor Dr Okafor wants to discuss it on Thursday. Summarize the {file} into a "
            "note{named?}{folder?}",
            "the seminar's at 3 tomorrow, make me a note{named?} summarising the {file}{folder?}",
        ],
    },
    "chain_summary_sms": {
        "imperative": [
            "Summarize the {file} and text the summary to {who}",
            "Text {who} a summary of the {file}",
            "Send {who} the gist of {file} by text",
        ],
        "polite": [
            "Could you summarize the {file} and text it to {who}?",
            "Please text {who} a short summary of the {file}",
        ],
        "casual": [
            "boil down the {file} and text it to {who}",
            "sum up {file} and shoot {who} a text with it",
            "gist of the {file} to {who} by text pls",
        ],
        "terse": [
            "summarize {file}, text to {who}",
            "summary of {file} -> sms {who}",
            "tl;dr of {file} -> txt {who}",
        ],
        "first_person": [
            "I want {who} to get a summary of the {file} by text",
            "I need to text {who} what the {file} says",
        ],
        "spoken": [
            "um summarize the {file} and text it to {who}",
            "okay so text {who} a summary of {file}",
            "hey can you like sum up the {file} and text that to {who}",
        ],
        "fronted": [
            "As for the {file}, text {who} the short version",
            "{who} needs the gist of the {file} — summarize it and send it by text",
            "The key takeaways from the {file} are all that matter here, so text those over to {who}",
        ],
        "context": [
            "Nobody has time to read it all. Summarize the {file} and text the summary to {who}",
            "{who} asked what it says. Text them a summary of the {file}",
            "Their inbox is a black hole, so sum up the {file} and send the summary to {who} as a text",
            "Send {who} a text summarizing the {file}, since I'm away from my desk",
            "{who} texted to ask what's in the {file}; send the short version back to them as a text",
            "{who} didn't get round to reading the {file} before our noon meeting. Text them a quick summary",
            "i promised {who} the highlights of the {file}, condense it and sms them",
            "No laptop on the train for {who}. Text them the main points of the {file}",
        ],
        "reordered": [
            "The {file} — summarize it and text the summary to {who}",
            "To {who}, by text: a summary of {file}",
        ],
        "narrative": ["I can't send {who} the whole {file} by text. Summarize it and text them the summary"],
    },
    "chain_summary_reply": {
        "imperative": [
            "Summarize the {file} and reply to this email with the summary{attself?}",
            "Reply to this email with a summary of the {file}{attself?}",
            "Answer this email with the gist of {file}{attself?}",
            "Respond to this email with the main points of the {file}{attself?}",
        ],
        "polite": [
            "Could you summarize the {file} and send the summary as my reply{attself?}?",
            "Please reply to this message with a short summary of the {file}",
            "Would you kindly reply to this message with a summary of the {file}{attself?}?",
            "Could you write back with a rundown of the {file}{attself?}?",
        ],
        "casual": [
            "boil down the {file} and write back with it{attself?}",
            "reply w/ the gist of {file}",
            "just answer this one with a quick summary of the {file}",
        ],
        "terse": [
            "summarize {file}, reply with it{attself?}",
            "reply: summary of {file}",
            "answer w/ a recap of {file}{attself?}",
        ],
        "first_person": [
            "I want to answer this email with a summary of the {file}{attself?}",
            "I need to reply with the key points of {file}",
        ],
        "spoken": [
            "um summarize the {file} and reply with that",
            "okay so write back with a summary of {file}{attself?}",
            "uh write back to this one with like a quick rundown of the {file}",
        ],
        "fronted": [
            "As for this email, answer it with a summary of the {file}{attself?}",
            "The sender wants the gist of the {file} — reply with a summary{attself?}",
            "This email needs answering with a summary of the {file}{attself?}",
        ],
        "context": [
            "They asked what the {file} says. Reply with a summary of it{attself?}",
            "No time for a long answer. Summarize the {file} and reply to this email with it",
            "I owe this person an answer and haven't read the thing myself, so summarise the {file} and "
            "send that back as my reply{attself?}",
            "Write back with a condensed version of the {file}{attself?}. They only want the headlines",
            "Jordan from finance asked me this on Tuesday and I still haven't answered. Write back with the "
            "gist of the {file}{attself?}",
            "They're asking about the {file} in this email. Answer with a short summary of it{attself?}",
        ],
        "reordered": [
            "A summary of the {file}, as my reply to this email",
            "In reply to this email: the {file}, summarized",
        ],
        "narrative": [
            (
                "This email asks about the {file} and I haven't read it yet. "
                "Summarize it and answer with the summary"
            )
        ],
    },
    "chain_summary_append": {
        "imperative": [
            "Summarize the {file} and add the summary to my {title} note{folder?}",
            "Add a summary of {file} to the {title} note{folder?}",
            "Append the key points of the {file} to my note {title}",
            "Condense the {file} and put the result at the bottom of my {title} note{folder?}",
        ],
        "polite": [
            "Could you summarize the {file} and append it to my {title} note?",
            "Please add a summary of the {file} to {title}{folder?}",
        ],
        "casual": [
            "boil down the {file} and tack it onto my {title} note",
            "sum up {file} and throw it in the {title} note{folder?}",
        ],
        "terse": ["summarize {file} -> append to {title}{folder?}", "summary of {file} into note {title}"],
        "first_person": [
            "I want the gist of the {file} added to my {title} note{folder?}",
            "I need a summary of {file} appended to the {title} note",
        ],
        "spoken": [
            "um summarize the {file} and stick it in my {title} note",
            "okay so add a summary of {file} to the {title} note{folder?}",
        ],
        "fronted": [
            "As for the {file}, its summary goes in my {title} note{folder?}",
            "My {title} note should get a summary of the {file}",
            "The gist of the {file} belongs in my {title} note{folder?}; please add it there",
        ],
        "context": [
            "Collecting everything in one place. Summarize the {file} and add it to my {title} note{folder?}",
            "I keep my reading notes together. Append a summary of {file} to the {title} note",
            "I'm prepping for a big client pitch, so add a summary of the {file} to my {title} note{folder?}",
            "Tack a short summary of the {file} onto the end of my {title} note{folder?}. I'm trying to "
            "build up a proper overview there",
            "Had a call with the landlord this morning about the lease. Tack the key points of the {file} "
            "onto my {title} note{folder?}",
        ],
        "reordered": [
            "Into my {title} note{folder?}: a summary of the {file}",
            "The {file} — summarize it and append that to {title}",
        ],
        "narrative": [
            (
                "I'm pulling my research together in the {title} note{folder?}. "
                "Summarize the {file} and add it there"
            )
        ],
    },
    "chain_note_sms": {
        "imperative": [
            "Text my {title} note to {who}",
            "Open the {title} note{folder?} and text what's in it to {who}",
            "Send {who} the {title} note by text",
            "Open the note called {title} and text whats in it to {who}",
            "open my note named {title}{folder?} and text {who} what it says",
        ],
        "polite": [
            "Could you text the {title} note to {who}?",
            "Please send {who} what I wrote in the {title} note{folder?} by text",
        ],
        "casual": [
            "shoot {who} my {title} note by text",
            "txt {who} what's in the {title} note",
            "can u text {who} my {title} note pls",
        ],
        "terse": ["sms note {title} to {who}", "note {title}{folder?} -> text {who}"],
        "first_person": [
            "I want to text {who} my {title} note{folder?}",
            "I need {who} to get my {title} note by text",
        ],
        "spoken": [
            "um text the {title} note to {who}",
            "okay send {who} my {title} note as a text",
            "so {who} asked me about my {title} note um just sms the whole thing over to them",
        ],
        "fronted": [
            "{who} should get my {title} note{folder?} by text",
            "Whatever's in the {title} note, text it to {who}",
            "As a text message, send {who} everything from my {title} note{folder?}",
            "My {title} note{folder?}, the one I mentioned to {who} — put it in a text to them",
        ],
        "context": [
            "{who} asked for my list. Text them the {title} note{folder?}",
            "Easier than retyping it. Send {who} my {title} note by text",
            "I'm heading out the door, so just text {who} what I've got in the {title} note{folder?}",
            "Text the contents of my {title} note to {who}. They're away from their computer",
            "Last night I scribbled everything into my {title} note{folder?}; {who} would like a copy, so "
            "send it to them by text",
            "Running late to meet {who}, so text them what's in my {title} note in the meantime",
            "Quick one before my train at six: send my {title} note to {who} as a text",
            "{who} can't open attachments on that old phone, so just text them my {title} note instead",
        ],
        "reordered": ["My {title} note{folder?} — text it to {who}", "By text to {who}: the {title} note"],
        "narrative": ["{who} keeps asking what's on my list. Open my {title} note and text it to them"],
    },
    "chain_zoom_sms": {
        "imperative": [
            "Set up a zoom about {topic} {when}{zdur?} and text the link to {who}",
            "Create a Zoom meeting on {topic} {when} and send {who} the link by text",
            "Make a zoom for {topic} {when}{zdur?}, text {who} the link",
        ],
        "polite": [
            "Could you create a zoom about {topic} {when} and text the link to {who}?",
            "Please set up a Zoom call on {topic} {when}{zdur?} and text {who} the link",
        ],
        "casual": [
            "spin up a zoom for {topic} {when} and shoot {who} the link by text",
            "grab a zoom link for {topic} {when}{zdur?} and text it to {who}",
            "{who} will be driving all day, so sort a zoom for {topic} {when}{zdur?} and whack the link in "
            "a text to them",
        ],
        "terse": [
            "zoom {topic} {when}{zdur?}, text link to {who}",
            "zoom mtg {topic} {when} + sms link {who}",
        ],
        "first_person": [
            "I need a zoom about {topic} {when} and {who} should get the link by text",
            "I want to text {who} a zoom link for {topic} {when}{zdur?}",
            "I'll need a zoom for {topic} {when}{zdur?}, and I'd like the link texted to {who}",
        ],
        "spoken": [
            "um make a zoom about {topic} {when} and text {who} the link",
            "okay so zoom for {topic} {when}{zdur?} and text the link to {who}",
        ],
        "fronted": [
            "For {topic} {when}, set up a zoom and text {who} the link",
            "{who} needs a zoom link for {topic} {when}{zdur?} — send it by text",
            "Once the zoom for {topic} {when}{zdur?} is set up, text {who} the link",
        ],
        "context": [
            "{who} doesn't check email much. Create a zoom on {topic} {when} and text them the link",
            "We can't all get to the office. Zoom about {topic} {when}{zdur?}, text the link to {who}",
            "I'm stuck doing school runs, so make a zoom call for {topic} {when}{zdur?} and send {who} the "
            "link in a text",
            "Set up a zoom for {topic} {when} and send {who} the link by text; their work email is down",
            "{who} won't see an email in time, so I need a zoom for {topic} {when}{zdur?} with the link "
            "sent to their phone by text",
            "{who} messaged me about {topic} earlier. Spin up a zoom {when} — link goes to them by sms",
            "{who} cant make the drive so zoom for {topic} {when} instead and sms them the joining link",
        ],
        "reordered": [
            "{When}, a zoom about {topic}{zdur?} — text the link to {who}",
            "By text to {who}: a zoom link for {topic} {when}",
        ],
        "narrative": [
            (
                "{who} is on the road all day and only reads texts. "
                "Set up a zoom on {topic} {when} and text the link"
            )
        ],
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
            "I'd be grateful if you could set up a zoom on {topic} {when}{zdur?}{with?} and enter it in "
            "{mycal}",
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
        "fronted": [
            "For {topic} {when}, I need a zoom{with?}{zdur?} plus an entry on {mycal}",
            "On the subject of {topic}: create a Zoom call {when}{with?}{zdur?} and put it on {mycal}",
            "Re {topic} {when}{zdur?}: set that up as a zoom and put it on {mycal}{with?}",
            "A zoom about {topic} {when}{zdur?}{with?} and a matching event on {mycal}: set both up, please",
            "No need to send the link to anyone — a zoom about {topic} {when}{zdur?} on {mycal} is all I'm "
            "after",
        ],
        "context": [
            "I keep double-booking myself. Create a zoom on {topic} {when}{zdur?}{with?} and add it to "
            "{mycal}",
            "We need to talk this through. Schedule a zoom about {topic} {when}{with?} and add the event "
            "to {mycal}",
            "Easier than meeting in person. Set up a Zoom call on {topic} {when}{with?}{zdur?} and put it "
            "in {mycal}",
            "Nothing's booked yet. Make a zoom about {topic} {when}{zdur?}{with?} and get it onto {mycal}",
            "My diary's a mess at the moment, so set up a zoom about {topic} {when}{with?}{zdur?} and pop "
            "it in {mycal}",
            "Create a zoom on {topic} {when}{zdur?}{with?} and block it out in {mycal}, otherwise I'll "
            "forget",
            "My manager would rather we discuss {topic} remotely. A zoom {when}{zdur?}{with?}, entered in "
            "{mycal}, please",
            "I'll share the link round the group myself afterwards. All I need from you is the zoom on "
            "{topic} {when}{zdur?}, logged in {mycal}",
            "The client asked for a call about {topic}. Make the zoom {when}{zdur?} and block it out on "
            "{mycal}; I'll send the invite separately",
            "My assistant normally handles this but she's off sick. Could you handle the zoom for {topic} "
            "{when}{zdur?}{with?} and enter it in {mycal}?",
            "Don't email anyone yet. I only want a zoom for {topic} {when}{zdur?}, saved to {mycal}",
            "someone from accounts keeps asking when we'll cover {topic}, schedule a zoom {when}{with?} and "
            "pop it on {mycal}",
        ],
    },
    "chain_zoom_invite": {
        "imperative": [
            "Set up a zoom about {topic} with {who} {when}{zdur?}, put it on {mycal} and email them the link",
            "Create a Zoom meeting on {topic} {when} with {who}, add it to {mycal} and send them the link",
        ],
        "polite": [
            "Could you make a zoom on {topic} with {who} {when}, add it to {mycal} and email them the link?",
            "Please arrange a zoom with {who} on {topic} {when}{zdur?}, then add the meeting to {mycal} and "
            "email the link over to them",
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
        "fronted": [
            "{who} and I need a zoom about {topic} {when}{zdur?}; put it on {mycal} and email them the link",
            "For {topic} with {who} {when}: create a zoom{zdur?}, add it to {mycal} and send them the link "
            "by email",
            "My meeting with {who} about {topic} {when}{zdur?} should be a zoom: make it, put it on {mycal} "
            "and email them the link",
            "With {who}, I'd like a zoom about {topic} {when}{zdur?}, so set it up, put it on {mycal} and "
            "send them the link by email",
            "Time with {who} about {topic} {when}{zdur?}: make it a zoom, log it in {mycal}, then mail them "
            "the joining details",
        ],
        "context": [
            "We can't meet in person. Set up a zoom about {topic} with {who} {when}{zdur?}, add it to "
            "{mycal} and email them the link",
            "Want this locked in. Create a Zoom meeting on {topic} with {who} {when}, put it on {mycal} "
            "and send them the link by email",
            "Trying to keep it simple. Make a zoom with {who} on {topic} {when}{zdur?}, stick it on {mycal} "
            "and email them the link",
            "Travel's not an option for either of us, so set up a zoom about {topic} with {who} "
            "{when}{zdur?}, get it on {mycal} and mail them the link",
            "Book a zoom with {who} about {topic} {when}, save it in {mycal} and send them the joining link "
            "by email; I don't want this slipping through the cracks",
            "{who} and I keep missing each other. Book a zoom about {topic} {when}{zdur?}, put it on "
            "{mycal} and send them the link by email",
            "{who} asked to go through {topic} with me. Arrange a zoom {when}, enter it in {mycal} and mail "
            "them the joining details",
            "{who} can't fly over for this one. Sort a zoom on {topic} {when}{zdur?}, pop it in {mycal} and "
            "mail them the link",
        ],
    },
    "chain_zoom_email": {
        "imperative": [
            "Create a zoom meeting about {topic} {when}{zdur?} and email the link to {who}",
            "Set up a Zoom call on {topic} with {who} {when} and send them the link",
            "Make a zoom link for {topic} {when}{zdur?} and email it to {who}",
            "Get a Zoom link {when} with {who}, topic {topic}, and email it to them",
            "Zoom {when} with {who}{zdur?}, subject {topic} — email them the link",
        ],
        "polite": [
            "Could you set up a zoom about {topic} {when} and email {who} the link?",
            "Please create a Zoom on {topic} {when}{zdur?} and send the link to {who}",
        ],
        "casual": [
            "spin up a zoom for {topic} {when} and shoot the link to {who}",
            "get a zoom going on {topic} {when}{zdur?} and ping {who} the link by email",
            "sort a zoom for {topic} {when}{zdur?} and drop {who} the link by email",
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
        "fronted": [
            "{who} will want a zoom link for {topic} {when}{zdur?} — create the meeting and email it to them",
            "About {topic} {when}: set up a zoom{zdur?} and mail the link to {who}",
            "Regarding {topic}, I need a zoom {when}{zdur?} with the link emailed to {who}",
            "Zoom meeting for {topic} {when}{zdur?} — set it up and email the link to {who}",
            "Via email, get {who} the link to a new zoom on {topic} {when}{zdur?}",
            "Since {who} won't be in the building, a zoom on {topic} {when}{zdur?} it is — they'll need the "
            "link by email",
        ],
        "context": [
            "Simpler to do this online. Create a zoom meeting about {topic} {when}{zdur?} and email the "
            "link to {who}",
            "The link still hasn't gone out. Set up a Zoom on {topic} {when} and send it to {who} by email",
            "Let's keep this one virtual. Make a zoom link for {topic} {when}{zdur?} and email it to {who}",
            "People keep asking for the link. Set up a zoom about {topic} {when} and email {who} the link",
            "Nobody fancies the commute, so set up a zoom about {topic} {when}{zdur?} and "
            "email {who} the link",
            "I've got a stack of essays to mark. Create a zoom on {topic} {when}{zdur?} and send the link "
            "to {who} by email",
            "{who} can't be there in person, so let's do {topic} over zoom {when}{zdur?}; mail them the "
            "joining details",
            "{who} moved abroad last month but we still need to go over {topic}. Make a zoom {when}{zdur?} "
            "and send them the link by email",
            "Got a message from {who} asking to catch up on {topic}. Arrange a zoom {when} and drop them "
            "the link by email",
            "{who} asked for a call about {topic} so make a zoom {when}{zdur?} and mail them the link",
            "Still recovering from last Friday's offsite. Organise a zoom on {topic} {when}, then get the "
            "link to {who} over email",
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
            "I'd like to send {who} a text with the map of {place}",
        ],
        "spoken": [
            "um text {who} where {place} is",
            "okay send {who} the location of {place} by text",
            "um so {who} asked where {place} is can you text them a map",
        ],
        "reordered": ["The location of {place} — text it to {who}", "To {who}, by text: where {place} is"],
        "narrative": ["I'm meeting {who} at {place} and they've never been there. Text them the location"],
        "fronted": [
            "{who} should get a pin for {place} — text it to them",
            "For {place}, send {who} a map link by text",
            "As for {place}, text {who} the pin",
            "Where {place} is on the map: text that to {who}",
        ],
        "context": [
            "Just so nobody gets lost. Text {who} where {place} is",
            "Saves a phone call. Send {who} a map of {place} by text",
            "Easier than explaining it. Shoot {who} a pin for {place} by text",
            "It's their first time going, so text {who} the location of {place}",
            "Text {who} a map link for {place}; we're meeting there and they've no idea where it is",
            "{who} will be heading to {place} tonight. Drop a pin in a text to them",
            "Just told {who} to meet me at {place}. Send them the pin by text",
            "{who} got lost the last time they tried to find {place}. Text them where it is",
            "My sister's birthday is on Saturday. Text {who} a pin for {place}, that's where we're "
            "celebrating",
        ],
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
        "casual": [
            "shoot {who} an email with a pin for {place}",
            "email {who} a map link to {place}",
            "pop {who} an email with a map of {place}",
        ],
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
        "fronted": [
            "{who} should get the location of {place} in an email",
            "For {place}, email {who} a map link",
            "As for {place}, send {who} the pin by email",
            "A map of {place} would help {who}, so email it to them",
            "{place} — {who} asked where that is, so email them a pin",
        ],
        "context": [
            "Want everyone on the same page. Email {who} the location of {place}",
            "Better to have it in writing. Send {who} a map of {place} by email",
            "Describing it never works. Email {who} where {place} is",
            "I'm organising a reunion, so email {who} the location of {place}",
            "Could you send {who} an email with where {place} is? They like to print these things out",
            "{who} will be coming to {place} for the first time. Email them where it is",
            "{who} asked me where {place} was. Send them a map of it by email",
            "Booked the team lunch at {place} for Thursday. Email {who} the location",
            "seeing {who} at {place} later n it's their first time in that part of town so pop the location "
            "in an email to them",
        ],
    },
    "chain_directions_sms": {
        "imperative": [
            "Text {who} directions to {dest}{from?}{mode?}",
            "Send {who} the route to {dest}{from?}{mode?}",
            ("Text {who} walking directions to {dest}{from?}", {"mode": "w"}),
            "Get directions{from?} to {dest}{mode?} and text them to {who}",
            ("Walking directions{from?} to {dest}, then text them to {who}", {"mode": "w"}),
            ("Driving directions to {dest}{from?} — send them to {who} by text", {"mode": "d"}),
        ],
        "polite": [
            "Could you text {who} directions to {dest}{from?}{mode?}?",
            ("Please send {who} transit directions to {dest}{from?}", {"mode": "r"}),
            "Could you find the route to {dest}{from?}{mode?} and text it to {who}?",
        ],
        "casual": [
            "shoot {who} directions to {dest}{from?}{mode?}",
            "text {who} how to get to {dest}{from?}{mode?}",
            "directions{from?} to {dest}{mode?} and text em to {who}",
            ("bus directions{from?} to {dest}, text {who} the route", {"mode": "r"}),
        ],
        "terse": [
            "sms {who} route to {dest}{from?}{mode?}",
            "directions to {dest}{from?}{mode?} -> text {who}",
            "route to {dest}{from?}{mode?}, text it to {who}",
        ],
        "first_person": [
            "I want to text {who} directions to {dest}{from?}{mode?}",
            "I need directions to {dest}{from?}{mode?} sent to {who} by text",
        ],
        "spoken": [
            "um text {who} how to get to {dest}{from?}{mode?}",
            "okay get directions to {dest}{from?}{mode?} and text them over to {who}",
            "right, can you text {who} the way to {dest}{from?}{mode?}",
        ],
        "reordered": [
            "Directions to {dest}{from?}{mode?} — text them to {who}",
            ("On foot to {dest}{from?}: text {who} the route", {"mode": "w"}),
        ],
        "narrative": [
            "I invited {who} over and they always get lost. Text them directions to {dest}{from?}{mode?}"
        ],
        "fronted": [
            "{who} could use directions to {dest}{from?}{mode?} — text them the route",
            "Getting to {dest}{from?}{mode?}: text {who} the directions",
            ("As for {dest}, text {who} how to walk there{from?}", {"mode": "w"}),
            "For {who}: directions{from?} to {dest}{mode?}, sent by text",
            ("On public transport, how would {who} get to {dest}{from?}? Text them the route", {"mode": "r"}),
        ],
        "context": [
            "Save me explaining the way. Text {who} directions to {dest}{from?}{mode?}",
            "The address alone won't help much. Send {who} the route to {dest}{from?}{mode?}",
            ("No car available. Text {who} how to get to {dest}{from?} by bus", {"mode": "r"}),
            ("Nice weather out. Text {who} walking directions to {dest}{from?}", {"mode": "w"}),
            "{who} will meet me at {dest}. Get directions{from?}{mode?} and text them the route",
            (
                "{who} will walk to {dest}. Map the way{from?} on foot and send it to them by text",
                {"mode": "w"},
            ),
            "Mobile data is patchy out that way, so send {who} directions to {dest}{from?}{mode?} by text",
            (
                "They've just hired a car and don't know the roads. Text {who} the driving route to "
                "{dest}{from?}",
                {"mode": "d"},
            ),
            "{who} offered to pick up the cake. Send them the way to {dest}{from?}{mode?} by text",
            "The party kicks off at seven and {who} can't find the place. Text them the route to "
            "{dest}{from?}{mode?}",
            "i invited {who} over to {dest} on sunday, send them directions{from?}{mode?} by text",
            (
                "{who} borrowed my car for the day. Text them driving directions to {dest}{from?}",
                {"mode": "d"},
            ),
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
            "Would you be able to email {who} my {title} note{folder?}?",
        ],
        "casual": [
            "shoot {who} my {title} note by email",
            "email {who} what's in my {title} note",
            "{who} won't stop bugging me for my {title} note lol, just mail the thing over",
        ],
        "terse": ["email note {title} to {who}", "note {title}{folder?} -> email {who}"],
        "first_person": [
            "I want to email {who} my {title} note{folder?}",
            "I need {who} to get my {title} note by email",
        ],
        "spoken": ["um email the {title} note to {who}", "okay send {who} my {title} note by email"],
        "reordered": ["My {title} note{folder?} — email it to {who}", "To {who}, by email: the {title} note"],
        "narrative": ["{who} asked what I wrote down. Email them my {title} note{folder?}"],
        "fronted": [
            "{who} should get my {title} note{folder?} by email",
            "Whatever I wrote in the {title} note{folder?}, email it to {who}",
            "As for the {title} note{folder?}, send it over to {who} by email",
            "Regarding my {title} note, please email a copy to {who}",
            "Everything in my {title} note{folder?} needs to reach {who} by email",
            "The {title} note{folder?} is the one {who} asked about — mail it across to them",
        ],
        "context": [
            "Sharing is easier this way. Email my {title} note{folder?} to {who}",
            "Everything is written down already. Send {who} the {title} note{folder?} by email",
            "No need to retype it. Email {who} my note {title}{folder?}",
            "I said I'd share what I jotted down, so email {who} my {title} note{folder?}",
            "Send the {title} note{folder?} to {who} by email; they want to look it over before we speak",
            "{who} missed the meeting and asked what got covered. My {title} note{folder?} has it all, so "
            "email that across to them",
            "Promised {who} a copy of my {title} note ages ago; could you finally send it over by email?",
            "{who} will be covering for me while I'm off, so send them my {title} note{folder?} by email",
            "i told {who} i'd pass on my {title} note{folder?} so mail it across",
            "Mum rang about Sunday lunch, but first things first: email {who} my {title} note",
        ],
    },
    "chain_file_email": {
        "imperative": [
            "Send {who} the {file}{saying?}",
            "Email the {file} to {who}{cc?}{saying?}",
            "Email {who} the {file} as an attachment{saying?}",
            "Email {who} my {file}{cc?}",
            "Send my {file} to {who}{cc?}{saying?}",
            "Email {who} the {file}{cc?}",
            "Send the {file} over to {who}{saying?}",
            "Pass the {file} on to {who}{cc?}",
            "Share the {file} with {who} by email{saying?}",
            "Send {who} the {file} and the {otherfile}{saying?}",
            "Email {who} the {file} and {otherfile}{cc?}",
            "Find {who}'s email address and send them the {file}{saying?}",
            "Look up {who}'s email and send over the {file}",
        ],
        "polite": [
            "Could you email the {file} to {who}{saying?}?",
            "Please send {who} the {file} by email",
            "Could you pass the {file} along to {who}{saying?}?",
            "Would you mind getting the {file} to {who}{cc?}?",
        ],
        "casual": [
            "shoot {who} the {file}{saying?}",
            "fire the {file} over to {who}",
            "email {who} my {file}{cc?} thx",
            "can you bung the {file} over to {who} in an email{saying?}",
            "send the {file} over to {who} pls",
            "so yeah find {who}'s email and send the {file}",
            "shoot {who} the {file} + the {otherfile}",
            "pop the {file} across to {who}{saying?}",
        ],
        "terse": [
            "email {file} to {who}{saying?}",
            "send {file} -> {who}",
            "email {who} {file}{cc?}",
            "email {who} {file} & {otherfile}",
            "{file} to {who}, by email{saying?}",
            "attach {file}, send to {who}{cc?}",
        ],
        "first_person": [
            "I want to send {who} the {file}{saying?}",
            "I need to email the {file} to {who}",
            "I owe {who} the {file} and the {otherfile}, email them over{saying?}",
            "I promised {who} the {file}, so send it over{saying?}",
            "I'd like {who} to have the {file} in their inbox{cc?}",
        ],
        "spoken": [
            "um email {who} the {file}{saying?}",
            "okay send the {file} to {who} by email",
            "uh can you send the {file} over to {who}{saying?}",
        ],
        "reordered": ["The {file} — email it to {who}{saying?}", "To {who}: the {file}, by email{saying?}"],
        "narrative": ["I promised {who} the {file} before the meeting. Email it to them{saying?}"],
        "fronted": [
            "{who} should have the {file} — email it over{saying?}",
            "As for the {file}, send it to {who} by email{saying?}",
            "Regarding {file}: email it to {who}{saying?}",
            "The {file} goes to {who} by email{cc?}{saying?}",
            "The {file} — {who} would like it by email{saying?}",
            "That {file} we talked about: get it to {who}{cc?}",
        ],
        "context": [
            "Been sitting on this too long. Send {who} the {file}{saying?}",
            "Finally finished it. Email {who} the {file}{saying?}",
            "It's ready to share. Fire the {file} over to {who} by email{saying?}",
            "I've been chased for this twice now, so email the {file} to {who}{cc?}{saying?}",
            "Everyone else has already seen it. Email the {file} to {who}{saying?}",
            "{who} asked for the latest version this morning. Email them the {file}{saying?}",
            "{who} can't start without it. Send them the {file}{cc?}{saying?}",
            "My meeting with Tom got pushed to Friday, so in the meantime email the {file} to {who}{saying?}",
            "I keep getting chased by {who} for the {file}. Send it over to them{saying?}",
            "Board meeting's tomorrow and {who} hasn't seen the {file} yet, so pass it on to them{cc?}",
            "{who} can't sign anything off without the {file}. Share it with them over email{saying?}",
        ],
    },
    "no_tool_knowledge": {
        "imperative": ["{Q}", "Tell me {q}"],
        "polite": ["Could you tell me {q}?", "Do you know {q}?"],
        "casual": ["quick q: {q}", "yo {q}"],
        "terse": ["{q}", "{q}?"],
        "first_person": ["I was wondering {q}", "I want to know {q}"],
        "spoken": [
            "um {q}",
            "so like {q}",
            "right so my dad just asked me um {q}",
        ],
        "reordered": ["Just curious — {q}?", "Out of interest, {q}?"],
        "narrative": ["My kid asked me and I don't know: {q}?", "We're arguing about this at dinner. {Q}?"],
        "fronted": [
            "Random question: {q}?",
            "Here's one for you — {q}?",
            "Trivia time: {q}?",
            "Settle this for me: {q}?",
            "Out of curiosity, {q}?",
            "Quick one while I wait for the bus: {q}?",
        ],
        "context": [
            "I've always wondered about this. {Q}?",
            "Doing homework and I'm stuck. {Q}?",
            "This came up at work. {Q}?",
            "Can't remember and it's bugging me. {Q}?",
            "We've got a pub quiz coming up, so {q}?",
            "My daughter asked me this and I had no idea. {Q}?",
            "My brother and I were arguing about this over text. {Q}?",
            "Got a calendar invite for a trivia night on Friday. {Q}?",
            "Staring at a map of the world right now. {Q}?",
            "Waiting for a zoom call to start. {Q}?",
            "Emma's coming over in ten minutes and she'll quiz me. {Q}?",
            "before I email my tutor and look silly, {q}?",
        ],
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
        "fronted": [
            "Well, {chat}",
            "So anyway, {chat}",
            "Oh, {chat}",
            "Anyway — {chat}",
            "Right then, {chat}",
        ],
        "context": [
            "Just got home. {Chat}",
            "Taking a little break. {Chat}",
            "Feeling chatty. {Chat}",
            "Coffee in hand. {Chat}",
            "Finally got a moment to myself. {Chat}",
            "In between lectures and a bit bored. {Chat}",
            "Just sent the last email of the day. {Chat}",
            "Meeting got cancelled, so I've got a free hour. {Chat}",
        ],
    },
    "no_tool_impossible": {
        "imperative": ["{Act}"],
        "polite": ["Could you {act}?", "Please {act}"],
        "casual": [
            "go ahead and {act}",
            "ok my sister's coming round at 6 lol, {act}",
        ],
        "terse": ["{act}"],
        "first_person": ["I want you to {act}", "I need you to {act}"],
        "spoken": [
            "um {act}",
            "um so my mum just called and uh {act}",
        ],
        "reordered": ["{Act}, if you can", "If possible: {act}"],
        "narrative": ["I'm about to head out. {Act}", "Everyone is arriving in ten minutes. {Act}"],
        "fronted": [
            "Next thing: {act}",
            "Here's what I need — {act}",
            "Job for you: {act}",
            "If you can, {act}",
            "Before the guests turn up: {act}",
            "While you're at it, {act}",
        ],
        "context": [
            "My hands are full. {Act}",
            "I'm cooking and can't reach my phone. {Act}",
            "Feeling lazy. {Act}",
            "Trying to get organized. {Act}",
            "The kids are finally asleep, so {act}",
            "{Act} — I'm up to my elbows in paperwork",
            "Guests arrive in ten minutes and the flat is a tip. {Act}",
            "My inbox has three hundred unread emails. {Act}",
            "My phone's on two percent battery. {Act}",
            "I've already got the map open on my laptop. {Act}",
            "Sarah just texted me. {Act}",
            "The meeting starts in five minutes, so {act}",
            "Just got off a zoom with the whole team. {Act}",
            "email from my boss says it's urgent. {act}",
        ],
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
        ". And ",
        ", and then ",
        " and then ",
        " — also ",
        ". Next, ",
        ". Plus ",
        ". And then ",
        "; also ",
        ". Additionally, ",
        ", and while you're at it, ",
        # no connector word: a new sentence, as people type two requests in a row
        ". ",
        ". ",
        "! ",
    ],
    "test": [". Oh, and ", ", and after that ", ". Besides that, ", ". One more thing: "],
}
